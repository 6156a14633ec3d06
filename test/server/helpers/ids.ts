/** Synthetic valid cédulas for tests (module-10 check digit computed, province 01–24). */
export function cedula(province: number, middle: number): string {
  const first9 = String(province).padStart(2, '0') + '1' + String(middle).padStart(6, '0');
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(first9[i]) * (i % 2 === 0 ? 2 : 1);
    if (d >= 10) d -= 9;
    sum += d;
  }
  return first9 + ((10 - (sum % 10)) % 10);
}
