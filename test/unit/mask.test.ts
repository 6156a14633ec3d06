import { describe, expect, it } from 'vitest';
import { maskEmail, maskIdentification } from '../../widget/domain/mask.ts';

describe('masks', () => {
  it('masks an identification to its last four characters', () => {
    expect(maskIdentification('1712345675')).toBe('******5675');
    expect(maskIdentification('EXT00012345')).toBe('*******2345');
    expect(maskIdentification('123')).toBe('***');
  });
  it('masks an e-mail address like the server does', () => {
    expect(maskEmail('juan.perez@gmail.com')).toBe('j***@g***.com');
    expect(maskEmail('ñ@dominio.com.ec')).toBe('ñ***@d***.ec');
    expect(maskEmail('sin-arroba')).toBe('**********');
  });
});
