/** Where a rule on the sheet comes from, for `handout rules check`. */
export type RuleOrigin =
  | { kind: 'bundled'; file: string }
  | { kind: 'changed'; file: string; fields: string[]; files: string[] }
  | { kind: 'added'; file: string; files: string[] };

export interface ProtocolInfo {
  /** What the footer prints: the clinic's label, else the short hash. */
  version: string;
  /** The clinic's own label (protocol.json `version`), if it gave one. */
  label?: string;
  /** A short hash of every file the wording comes from (see protocol-version.ts). */
  hash: string;
  /** The clinic's protocol folder, if the config names one. */
  dir?: string;
  /** Rule id -> where it comes from, for every rule that can reach a sheet. */
  origins: Map<string, RuleOrigin>;
  /** Bundled rules the clinic left out, with the file that says so. */
  dropped: { id: string; file: string }[];
}
