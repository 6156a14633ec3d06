/**
 * Demo identities loaded by `iess-clave serve --demo` (documented in docs/operations.md).
 * Synthetic: the cédulas pass the module-10 check but belong to nobody we know of.
 */
import type { RegistryRecord } from '../registry/records.ts';

export const DEMO_PASSWORD = 'Montaña-verde-2019';

export const DEMO_IDENTITIES: readonly RegistryRecord[] = [
  {
    // recuperar: has a password and three security answers; address on record.
    idType: 'cedula',
    id: '1712345675',
    kind: 'affiliate',
    givenNames: 'MARÍA JOSÉ',
    surnames: 'PÉREZ LÓPEZ',
    birthDay: 14,
    birthMonth: 3,
    email: 'maria.perez@example.com',
    facts: { employers: ['BANCO DEL VALLE S.A.', 'COMERCIAL ANDINA S.A.'], firstContributionYear: 2008 },
    password: DEMO_PASSWORD,
    securityAnswers: { 'amigo-infancia': 'Rosita', 'calle-diez-anos': 'Avenida Amazonas', 'plato-infancia': 'Locro de papas' },
  },
  {
    // generar: affiliate without a password, address on record.
    idType: 'cedula',
    id: '0920000015',
    kind: 'affiliate',
    givenNames: 'CARLOS ANDRÉS',
    surnames: 'MENDOZA VERA',
    birthDay: 2,
    birthMonth: 11,
    email: 'carlos.mendoza@example.com',
    facts: { employers: ['ASTILLEROS DEL GUAYAS S.A.'], firstContributionYear: 2015 },
  },
  {
    // generar: retiree without a password and without an address on record (enters a new one).
    idType: 'cedula',
    id: '0100000009',
    kind: 'retiree',
    givenNames: 'ROSA ELENA',
    surnames: 'QUIZHPI TENESACA',
    birthDay: 25,
    birthMonth: 7,
    facts: { employers: ['CERÁMICA AUSTRAL C.A.'], pensionStartYear: 2016 },
  },
  {
    // generar: dependant without an address on record; asked about the affiliate she depends on,
    // that affiliate's employer and since when she is a dependant.
    idType: 'cedula',
    id: '3000000012',
    kind: 'dependant',
    givenNames: 'LUCÍA',
    surnames: 'MENDOZA RUIZ',
    birthDay: 9,
    birthMonth: 1,
    facts: { principalName: 'CARLOS A. MENDOZA', principalEmployer: 'ASTILLEROS DEL GUAYAS S.A.', dependantSinceYear: 2015 },
  },
  {
    // recuperar for a foreigner code; address on record.
    idType: 'extranjero',
    id: 'E0012345',
    kind: 'affiliate',
    givenNames: 'JEAN',
    surnames: 'DUPONT',
    birthDay: 30,
    birthMonth: 6,
    email: 'jean.dupont@example.org',
    facts: { employers: ['TECNOLOGÍA ECUATORIAL CÍA. LTDA.'], firstContributionYear: 2019 },
    password: DEMO_PASSWORD,
    securityAnswers: { 'primer-jefe': 'Monsieur Bernard', 'juguete-favorito': 'Un tren de madera', 'primer-viaje': 'Lyon' },
  },
];
