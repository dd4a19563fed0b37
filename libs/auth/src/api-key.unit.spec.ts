import { generateApiKey, hashApiKeySecret, isApiKeyShaped, parseApiKey } from './api-key';

describe('API keys', () => {
  it('generates jj_<id>_<secret> with 64-bit ids and 256-bit secrets, never twice the same', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key).toMatch(/^jj_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(a.key).toBe(`jj_${a.keyId}_${a.key.slice(20)}`);
    expect(a.key).not.toBe(b.key);
    expect(a.keyId).not.toBe(b.keyId);
  });

  it('stores only a hash of the secret and shows only a short prefix', () => {
    const { key, keyId, secretHash, prefix } = generateApiKey();
    const secret = key.slice(`jj_${keyId}_`.length);
    expect(secretHash).toBe(hashApiKeySecret(secret));
    expect(secretHash).not.toContain(secret);
    expect(prefix).toBe(key.slice(0, `jj_${keyId}_`.length + 4));
  });

  it('parses a key into its id and the hash of its secret', () => {
    const created = generateApiKey();
    expect(parseApiKey(created.key)).toEqual({ keyId: created.keyId, secretHash: created.secretHash });
  });

  it.each(['jj_', 'jj_0123456789abcdef_short', `jj_XYZ_${'a'.repeat(43)}`, `jj_0123456789abcdef_${'a'.repeat(44)}`, 'eyJhbGciOi.x.y'])(
    'refuses the malformed %s',
    (text) => {
      expect(parseApiKey(text)).toBeNull();
    },
  );

  it('tells keys from JWTs by their prefix', () => {
    expect(isApiKeyShaped(generateApiKey().key)).toBe(true);
    expect(isApiKeyShaped('eyJhbGciOiJIUzI1NiJ9.e30.x')).toBe(false);
  });
});
