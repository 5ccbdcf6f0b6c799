import { IANAZone } from 'luxon';

export const isValidZone = (zone: string): boolean => IANAZone.isValidZone(zone);
