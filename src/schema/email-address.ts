const ADDRESS = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\]]+$/;

/** One plain address (`name@example.com`), no display name, no list, nothing around it. */
export const isEmailAddress = (s: string): boolean => s.length <= 254 && ADDRESS.test(s);
