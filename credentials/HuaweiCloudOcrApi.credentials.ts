import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Huawei Cloud OCR: AK/SK, region and project. Requests are signed with SDK-HMAC-SHA256 by the library (the
 * signature covers the body, which n8n's declarative `authenticate` cannot express), and the connection test
 * is the OCR nodes' `huaweiCloudOcrApiTest` method: a signed request that recognizes nothing.
 */
export class HuaweiCloudOcrApi implements ICredentialType {
  name = 'huaweiCloudOcrApi';

  displayName = 'Huawei Cloud OCR API';

  documentationUrl = 'https://support.huaweicloud.com/intl/en-us/api-ocr/ocr_03_0005.html';

  icon = { light: 'file:huawei-cloud.svg', dark: 'file:huawei-cloud.svg' } as const;

  properties: INodeProperties[] = [
    {
      displayName: 'Access Key ID (AK)',
      name: 'accessKey',
      // eslint-disable-next-line n8n-nodes-base/cred-class-field-type-options-password-missing -- the AK identifies the key (Huawei's console lists it in the clear); the SK below is the secret
      type: 'string',
      default: '',
      required: true,
      description: 'Console → My Credentials → Access Keys',
    },
    {
      displayName: 'Secret Access Key (SK)',
      name: 'secretKey',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
    },
    {
      displayName: 'Region',
      name: 'region',
      type: 'string',
      default: 'cn-north-4',
      required: true,
      placeholder: 'cn-north-4',
      description: 'The region where the OCR service is subscribed, e.g. cn-north-4 (Beijing 4), cn-east-3, ap-southeast-1',
    },
    {
      displayName: 'Project ID',
      name: 'projectId',
      type: 'string',
      default: '',
      required: true,
      description: 'The project of that region: My Credentials → API Credentials',
    },
    {
      displayName: 'Endpoint Override',
      name: 'endpoint',
      type: 'string',
      default: '',
      placeholder: 'https://ocr.cn-north-4.myhuaweicloud.com',
      description: 'Leave empty for https://ocr.&lt;region&gt;.myhuaweicloud.com; set for a private gateway or proxy',
    },
  ];
}
