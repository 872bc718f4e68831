import {
  ALGORITHM,
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  signRequest,
  sdkDate,
  signature,
  signedHeaderNames,
  stringToSign,
} from '../../src/cloud/huawei/signer';
import { createHash } from 'node:crypto';

/**
 * The worked example of Huawei Cloud's API signing guide ("API签名认证机制示例", devg-apisign): the VPC list
 * request, X-Sdk-Date 20191115T033655Z, the example keys. Its published intermediate and final values are
 * the known vectors.
 */
const example = {
  method: 'GET',
  url: new URL('https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0'),
  headers: { 'Content-Type': 'application/json', 'X-Sdk-Date': '20191115T033655Z' },
  body: '',
};
const keys = { accessKey: 'QTWAOYTTINDUT2QVKYUC', secretKey: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc' };

describe('SDK-HMAC-SHA256 signing against the published example', () => {
  test('canonical request, its hash, the string to sign and the signature are the documented ones', () => {
    const signed = signedHeaderNames(example);
    expect(signed).toEqual(['content-type', 'host', 'x-sdk-date']);
    const canonical = canonicalRequest(example, signed);
    expect(canonical).toBe(
      [
        'GET',
        '/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/',
        'limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
        'content-type:application/json\nhost:service.region.example.com\nx-sdk-date:20191115T033655Z\n',
        'content-type;host;x-sdk-date',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
    expect(createHash('sha256').update(canonical).digest('hex')).toBe('b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a');
    const toSign = stringToSign(canonical, '20191115T033655Z');
    expect(toSign).toBe(`${ALGORITHM}\n20191115T033655Z\nb25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a`);
    expect(signature(keys.secretKey, toSign)).toBe('7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe');
  });

  test('signRequest gives the documented Authorization header for that moment', () => {
    const { 'X-Sdk-Date': _date, ...headers } = example.headers;
    const out = signRequest({ ...example, headers }, keys, new Date(Date.UTC(2019, 10, 15, 3, 36, 55)));
    expect(out['X-Sdk-Date']).toBe('20191115T033655Z');
    expect(out.Authorization).toBe(
      'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
    );
  });

  test('a changed body, path, header or key changes the signature', () => {
    const date = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    const base = {
      method: 'POST',
      url: new URL('https://ocr.cn-north-4.myhuaweicloud.com/v2/p1/ocr/id-card'),
      headers: { 'Content-Type': 'application/json' },
      body: '{"image":"AA=="}',
    };
    const sig = (r: typeof base, k = keys) => signRequest(r, k, date).Authorization;
    const reference = sig(base);
    expect(sig({ ...base, body: '{"image":"AB=="}' })).not.toBe(reference);
    expect(sig({ ...base, url: new URL('https://ocr.cn-north-4.myhuaweicloud.com/v2/p1/ocr/bankcard') })).not.toBe(reference);
    expect(sig({ ...base, headers: { 'Content-Type': 'application/json;charset=UTF-8' } })).not.toBe(reference);
    expect(sig(base, { ...keys, secretKey: `${keys.secretKey}x` })).not.toBe(reference);
    expect(sig(base)).toBe(reference);
  });

  test('URI and query canonicalization: RFC 3986 encoding, a trailing slash, sorted parameters', () => {
    expect(canonicalUri('/v2/p1/ocr/general-text')).toBe('/v2/p1/ocr/general-text/');
    expect(canonicalUri('/a b/中文/x*y')).toBe('/a%20b/%E4%B8%AD%E6%96%87/x%2Ay/');
    expect(canonicalUri('/already%20encoded/')).toBe('/already%20encoded/');
    expect(canonicalQuery(new URLSearchParams('b=2&a=3&a=1&c=x y'))).toBe('a=1&a=3&b=2&c=x%20y');
    expect(sdkDate(new Date(Date.UTC(2026, 10, 29, 7, 8, 9, 123)))).toBe('20261129T070809Z');
  });
});
