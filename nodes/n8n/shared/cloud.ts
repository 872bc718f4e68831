import type {
  ICredentialsDecrypted,
  ICredentialTestFunctions,
  IExecuteFunctions,
  INodeCredentialDescription,
  INodeCredentialTestResult,
  INodeProperties,
} from 'n8n-workflow';
import { testCloudConnection, type HuaweiCloudSettings } from '../../../src';
import { CLOUD_MODE_CHOICES } from '../../shared/catalog';
import type { CloudMode } from '../../shared/settings';

/** When the node calls Huawei Cloud OCR; the credential is asked for only when it does. */
export const CLOUD_MODE_PROPERTY: INodeProperties = {
  displayName: 'Huawei Cloud OCR',
  name: 'cloudMode',
  type: 'options',
  noDataExpression: true,
  default: 'off',
  options: CLOUD_MODE_CHOICES.map((c) => ({ name: c.name, value: c.value, description: c.description })),
};

export const CLOUD_CREDENTIALS: INodeCredentialDescription[] = [
  { name: 'huaweiCloudOcrApi', required: true, displayOptions: { show: { cloudMode: ['local-first', 'always'] } }, testedBy: 'huaweiCloudOcrApiTest' },
];

/** The credential test every OCR node offers: a signed request that reaches the service without recognizing anything. */
export async function huaweiCloudOcrApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
  const check = await testCloudConnection(toSettings((credential.data ?? {}) as Record<string, unknown>));
  return { status: check.ok ? 'OK' : 'Error', message: check.message };
}

/** The node's cloud mode and, when it uses the cloud, the credential's settings. */
export async function cloudSettings(ctx: IExecuteFunctions, i: number): Promise<{ cloudMode: CloudMode; cloud?: HuaweiCloudSettings }> {
  const cloudMode = ctx.getNodeParameter('cloudMode', i, 'off') as CloudMode;
  if (cloudMode === 'off') return { cloudMode };
  const data = (await ctx.getCredentials('huaweiCloudOcrApi', i)) as Record<string, unknown>;
  return { cloudMode, cloud: toSettings(data) };
}

function toSettings(data: Record<string, unknown>): HuaweiCloudSettings {
  const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');
  return {
    accessKey: text('accessKey'),
    secretKey: text('secretKey'),
    region: text('region'),
    projectId: text('projectId'),
    endpoint: text('endpoint') || undefined,
  };
}
