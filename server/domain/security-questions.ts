/**
 * The bank of 10 security questions for *generar* (OWASP Security Questions cheat sheet: memorable,
 * stable over time, not found in public records or social networks, many possible answers).
 * Replaceable through SECURITY_QUESTIONS_FILE (a JSON array of {id, text}).
 */
import { readFileSync } from 'node:fs';

export interface BankQuestion {
  id: string;
  text: string;
}

export const DEFAULT_QUESTION_BANK: readonly BankQuestion[] = [
  { id: 'amigo-infancia', text: '¿Cuál era el nombre de su mejor amigo o amiga de la infancia?' },
  { id: 'calle-diez-anos', text: '¿En qué calle vivía cuando tenía diez años?' },
  { id: 'profesor-favorito', text: '¿Cuál era el apellido de su profesor o profesora favorita de la escuela?' },
  { id: 'primer-espectaculo', text: '¿Cuál fue el primer concierto o espectáculo al que asistió?' },
  { id: 'primer-viaje', text: '¿A qué ciudad o lugar fue en su primer viaje fuera de su provincia?' },
  { id: 'primer-jefe', text: '¿Cuál era el nombre de su primer jefe o jefa?' },
  { id: 'plato-infancia', text: '¿Cuál era su comida favorita cuando era niño o niña?' },
  { id: 'juguete-favorito', text: '¿Cuál era su juguete favorito de la infancia?' },
  { id: 'vecino-infancia', text: '¿Cuál era el apellido de sus vecinos de la infancia?' },
  { id: 'primer-trabajo-lugar', text: '¿En qué barrio quedaba su primer lugar de trabajo?' },
];

export function loadQuestionBank(file: string | undefined): readonly BankQuestion[] {
  if (!file) return DEFAULT_QUESTION_BANK;
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (
    !Array.isArray(parsed) ||
    parsed.length < 3 ||
    parsed.length > 20 ||
    !parsed.every((q) => typeof q?.id === 'string' && /^[a-z0-9-]{1,64}$/.test(q.id) && typeof q?.text === 'string' && q.text.length <= 300)
  ) {
    throw new Error(`SECURITY_QUESTIONS_FILE ${file}: debe ser un arreglo JSON de 3 a 20 objetos {id, text}`);
  }
  return parsed as BankQuestion[];
}
