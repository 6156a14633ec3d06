import { describe, expect, it } from 'vitest';
import source from '../../../manifest.json' with { type: 'json' };
import widgetPackage from '../../../widget/package.json' with { type: 'json' };
import managedSchema from '../../../src/managed-schema.json' with { type: 'json' };
import { hostPermissionPattern, INSTITUTION_BACKEND_URL, ManagedPolicy } from '../../../src/shared/settings.ts';
import {
  FIREFOX_DATA_COLLECTION,
  GECKO_ID,
  MANAGED_SCHEMA_PATH,
  manifestFor,
  REVIEWED_HOSTS,
  REVIEWED_OPTIONAL_HOSTS,
  REVIEWED_PERMISSIONS,
  targetBrowser,
} from '../../../src/manifest-flavours.ts';

type Manifest = Record<string, any>;
const chrome = manifestFor(source, 'chrome', widgetPackage.version) as Manifest;
const firefox = manifestFor(source, 'firefox', widgetPackage.version) as Manifest;

describe.each([
  ['chrome', chrome],
  ['firefox', firefox],
])('%s manifest', (_name, manifest) => {
  it('EX-02: asks for exactly the reviewed permissions and nothing broad', () => {
    expect([...manifest.permissions].sort()).toEqual([...REVIEWED_PERMISSIONS]);
    expect([...manifest.optional_host_permissions].sort()).toEqual([...REVIEWED_OPTIONAL_HOSTS]);
    // Granted at install: the institution's backend only, so installing is enough (issue 10 §8).
    expect(manifest.host_permissions).toEqual([...REVIEWED_HOSTS]);
    expect(REVIEWED_HOSTS).toEqual([hostPermissionPattern(INSTITUTION_BACKEND_URL)]);
    expect(manifest.optional_permissions).toBeUndefined();
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
    expect(JSON.stringify(manifest)).not.toMatch(/"\*:\/\/|"http:\/\/\*/);
  });

  it('enterprise policy: Chrome names the managed-storage schema, which lists exactly the policy keys; Firefox has none', () => {
    if (manifest === chrome) expect(manifest.storage).toEqual({ managed_schema: MANAGED_SCHEMA_PATH });
    else expect(manifest.storage).toBeUndefined();
    expect(Object.keys(managedSchema.properties)).toEqual(Object.keys(ManagedPolicy.shape));
    expect(managedSchema.properties.backendUrl.type).toBe('string');
  });

  it('EX-02: plain http only for this machine', () => {
    for (const pattern of manifest.optional_host_permissions as string[]) {
      expect(pattern.startsWith('https://') || /^http:\/\/(localhost|127\.0\.0\.1)\/\*$/.test(pattern)).toBe(true);
    }
  });

  it("one version source: manifest.json has none; both flavours carry widget/package.json's", () => {
    expect((source as Record<string, unknown>).version).toBeUndefined();
    expect(widgetPackage.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect([chrome.version, firefox.version]).toEqual([widgetPackage.version, widgetPackage.version]);
  });

  it('EX-01/EX-06: MV3, no content scripts, no page-reachable resources, no external messaging', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.content_scripts).toBeUndefined();
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.externally_connectable).toBeUndefined();
  });

  it('EX-01: the extension-page CSP is the default or stricter', () => {
    const csp: string = manifest.content_security_policy.extension_pages;
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((d) => d[0])
        .map(([name, ...values]) => [name, values]),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
  });

  it('opens the popup with a keyboard shortcut and has an options page', () => {
    expect(manifest.commands._execute_action.suggested_key.default).toMatch(/^(Alt|Ctrl)\+Shift\+[A-Z]$/);
    expect(manifest.action.default_popup).toBe('src/popup/index.html');
    expect(manifest.options_ui.page).toBe('src/options/index.html');
  });
});

describe('flavours', () => {
  it('chrome runs the background as a module service worker', () => {
    expect(chrome.background).toEqual({ service_worker: 'src/background/index.ts', type: 'module' });
    expect(chrome.browser_specific_settings).toBeUndefined();
  });

  it('firefox gets background scripts, a fixed add-on id and min version 142', () => {
    expect(firefox.background).toEqual({ scripts: ['src/background/index.ts'], type: 'module' });
    expect(firefox.browser_specific_settings.gecko.id).toBe(GECKO_ID);
    expect(firefox.browser_specific_settings.gecko.strict_min_version).toBe('142.0');
    expect(firefox.minimum_chrome_version).toBeUndefined();
  });

  it('firefox declares truthfully that identification and authentication data are sent', () => {
    const declared = firefox.browser_specific_settings.gecko.data_collection_permissions;
    expect(declared.required).toEqual([...FIREFOX_DATA_COLLECTION]);
    expect(declared.required).toContain('personallyIdentifyingInfo');
    expect(declared.required).toContain('authenticationInfo');
    expect(declared.required).not.toContain('none');
  });

  it('does not change the source manifest', () => {
    expect((source as Manifest).background.service_worker).toBe('src/background/index.ts');
  });

  it('reads TARGET_BROWSER strictly', () => {
    expect(targetBrowser(undefined)).toBe('chrome');
    expect(targetBrowser('firefox')).toBe('firefox');
    expect(() => targetBrowser('safari')).toThrow(/TARGET_BROWSER/);
  });
});
