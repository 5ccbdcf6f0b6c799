/**
 * Passwords never reach output: errors, logs and reports pass what they quote from the user
 * through here. A URL's password (`smtp://user:secret@host` -> `smtp://user:****@host`, also
 * without a scheme and with an unencoded @ in the password) and the value of a key that names a
 * secret (`"password": "…"`, `pass: …`) become ****.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/((?:[a-z][a-z0-9+.-]*:\/\/)?[^\s:/@"'[\]{},]*):[^\s"'[\]{},]*@/gi, '$1:****@')
    .replace(/((?:"|')?\b(?:pass|passwd|password|secret|token|apikey|api_key)\b(?:"|')?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,}\]]+)/gi, '$1****');
}
