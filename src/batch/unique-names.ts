/**
 * File names within one day folder, handed out in row order: the second "…_standard.pdf" of the
 * day becomes "…_standard_2.pdf", the third "…_3.pdf". Row order decides, so a rerun of the same
 * file gives every visit the same name again. (Slugs never contain "_", so a suffixed name cannot
 * be another patient's plain name.)
 */
export class UniqueNames {
  private readonly used = new Set<string>();

  take(fileName: string): string {
    const stem = fileName.replace(/\.pdf$/, '');
    let name = fileName;
    for (let n = 2; this.used.has(name); n++) name = `${stem}_${n}.pdf`;
    this.used.add(name);
    return name;
  }
}
