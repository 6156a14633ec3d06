/**
 * Failures at start turned into configuration problems: one Spanish line naming the variable that
 * points at the unreachable or unusable thing, with a valid example (exit code 2), instead of a raw
 * Node error.
 */
import { createServer } from 'node:net';
import { ConfigError, configProblem } from './config.ts';

const WHY: Record<string, string> = {
  ECONNREFUSED: 'conexión rechazada (¿el servicio está en marcha y escucha en ese puerto?)',
  ECONNRESET: 'la conexión se cortó',
  ETIMEDOUT: 'sin respuesta a tiempo',
  ENOTFOUND: 'el nombre del servidor no existe',
  EAI_AGAIN: 'no se pudo resolver el nombre del servidor',
  EHOSTUNREACH: 'el servidor no es alcanzable',
  '28P01': 'usuario o clave incorrectos',
  '28000': 'acceso denegado para ese usuario',
  '3D000': 'la base de datos no existe',
  '3F000': 'el esquema no existe',
  '42501': 'el usuario no tiene permiso',
};

export function reason(err: unknown): string {
  const code = (err as { code?: string })?.code ?? '';
  const message = String((err as Error)?.message ?? err);
  if (WHY[code]) return WHY[code];
  if (/timeout/i.test(message)) return WHY.ETIMEDOUT!;
  if (/Connection terminated/i.test(message)) return WHY.ECONNRESET!;
  return message.slice(0, 200).replace(/\.$/, '');
}

/** The database could not be opened or migrated. */
export function databaseStartError(err: unknown, databaseUrl: string | undefined): ConfigError {
  return new ConfigError([configProblem('DATABASE_URL', databaseUrl, `no se pudo usar la base de datos: ${reason(err)}`)]);
}

/** Redis did not answer at start. */
export function redisStartError(err: unknown, redisUrl: string): ConfigError {
  return new ConfigError([configProblem('REDIS_URL', redisUrl, `no se pudo conectar a Redis: ${reason(err)}`)]);
}

/** The HTTP listener could not bind HOST:PORT. */
export function listenError(err: unknown, host: string, port: number): ConfigError {
  const code = (err as { code?: string })?.code ?? '';
  if (code === 'EADDRINUSE')
    return new ConfigError([
      configProblem('PORT', String(port), `el puerto ya está en uso en ${host}; elija otro o detenga el otro proceso`),
    ]);
  if (code === 'EACCES')
    return new ConfigError([
      configProblem('PORT', String(port), 'este usuario no puede escuchar en ese puerto (los menores que 1024 requieren privilegios)'),
    ]);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new ConfigError([configProblem('HOST', host, 'no es una dirección de esta máquina')]);
  return new ConfigError([configProblem('PORT', String(port), `no se pudo escuchar en ${host}:${port}: ${reason(err)}`)]);
}

/**
 * Binds and releases HOST:PORT, so a port in use or a foreign HOST is reported before the slow
 * parts of the start (PORT=0 still checks HOST).
 */
export async function assertCanListen(host: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err) => reject(listenError(err, host, port)));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}
