#!/usr/bin/env bash
# How fonts/ was made (run by hand, not by the build): Noto Sans from Debian's fonts-noto-core,
# cut down with fontTools' pyftsubset (Debian package fonttools) to Latin (with all extensions,
# for Vietnamese and Polish names), Greek, Cyrillic and punctuation, without hinting and without
# OpenType layout tables (the sheet does not shape text; see src/pdf/font-face.ts). Each file goes
# from about 515 KB to 120 KB, which makes every start and every embedded subset smaller.
set -euo pipefail
src=${1:-/usr/share/fonts/truetype/noto}
ranges="U+0020-007E,U+00A0-024F,U+02B0-02FF,U+0300-036F,U+0370-03FF,U+0400-052F,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-2199,U+2212,U+25CF,U+FFFD"
for face in Regular Bold Italic; do
  pyftsubset "$src/NotoSans-$face.ttf" --unicodes="$ranges" --no-hinting --layout-features='' \
    --drop-tables+=GSUB,GPOS,GDEF,DSIG --name-IDs='*' --name-languages='*' \
    --output-file="fonts/NotoSans-$face.ttf"
done
