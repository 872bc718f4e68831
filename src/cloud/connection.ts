import { isOcrError } from '../errors';
import { CloudServiceError, HuaweiOcrClient } from './huawei/client';
import { redact, resolveCloudSettings, type HuaweiCloudSettings } from './settings';

export interface ConnectionCheck {
  ok: boolean;
  message: string;
}

/**
 * Whether the credentials open the OCR service, without recognizing (or paying for) anything: a signed request
 * with an empty image. The service checks the signature first, so "invalid parameter" (AIS.0101) means the
 * keys, project and region are right; an APIG/401/403 answer means they are not.
 */
export async function testCloudConnection(settings: HuaweiCloudSettings, signal?: AbortSignal): Promise<ConnectionCheck> {
  let resolved;
  try {
    resolved = resolveCloudSettings({ ...settings, retries: 0 });
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  const client = new HuaweiOcrClient(resolved);
  try {
    await client.call('general-text', { image: '' }, signal);
    return { ok: true, message: `Connected to ${client.endpoint}.` };
  } catch (err) {
    if (err instanceof CloudServiceError && err.status === 400 && err.serviceCode.startsWith('AIS.')) {
      return { ok: true, message: `Connected to ${client.endpoint}: the credentials were accepted.` };
    }
    const message = isOcrError(err) ? (err as Error).message : String(err);
    return { ok: false, message: redact(message, resolved) };
  }
}
