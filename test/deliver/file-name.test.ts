import { describe, expect, it } from 'vitest';
import { slug } from '../../src/deliver/file-name.js';

describe('slug', () => {
  it.each([
    ["Zoë O'Brien", 'zoe-o-brien'],
    ['Łukasz Żółkiewski', 'lukasz-zolkiewski'],
    ['Ελένη Παπαδοπούλου', 'eleni-papadopoulou'],
    ['Юлия Смирнова', 'yuliya-smirnova'],
    ['../../etc/passwd', 'etc-passwd'],
    ['李', 'patient'],
    ['A'.repeat(60), 'a'.repeat(40)],
  ])('%s -> %s', (name, expected) => expect(slug(name)).toBe(expected));
});
