import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeUserData, scanUserData, secretKindsInLine, UndecodableUserDataError } from '../../../src/collect/user-data-scan.js';

const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

describe('secretKindsInLine', () => {
  it.each([
    ['export AWS_ACCESS_KEY_ID=AKIAZZTESTPLANTED001', ['aws-access-key-id']],
    ['aws_session = "ASIAZZTESTPLANTED002"', ['aws-access-key-id']],
    ['export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYPLANTED001', ['aws-secret-access-key']],
    ['aws configure set aws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYPLANTED002', ['aws-secret-access-key']],
    ['"SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYPLANTED003"', ['aws-secret-access-key']],
    ['-----BEGIN RSA PRIVATE KEY-----', ['private-key']],
    ['-----BEGIN OPENSSH PRIVATE KEY-----', ['private-key']],
    ['-----BEGIN PRIVATE KEY-----', ['private-key']],
    ['DB_PASSWORD=Sup3rS3cret!', ['password-assignment']],
    ['  password: "correct-horse"', ['password-assignment']],
    ['mysql --password=hunter22 -u root', ['password-assignment']],
    ['export GITHUB_TOKEN=ghp_plantedtoken0001', ['token-assignment']],
    ['api_key: abcdef123456', ['token-assignment']],
    ['client_secret = s3cr3t-value', ['secret-assignment']],
  ])('%s → %j', (line, kinds) => {
    expect(secretKindsInLine(line)).toEqual(kinds);
  });

  it.each([
    ['TOKEN=$(curl -X PUT "http://169.254.169.254/latest/api/token" -H "X-aws-ec2-metadata-token-ttl-seconds: 21600")'],
    ['curl -H "X-aws-ec2-metadata-token: $TOKEN" http://169.254.169.254/latest/meta-data/'],
    ['DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id prod/db --query SecretString --output text)'],
    ['password: ${DB_PASSWORD}'],
    ['lock_passwd: true'],
    ['ssh_pwauth: false'],
    ['chpasswd: { expire: False }'],
    ['password: {{ vault_password }}'],
    ['echo "installing nginx"'],
    ['aws ssm get-parameter --name /app/token --with-decryption'],
  ])('%s → nothing', (line) => {
    expect(secretKindsInLine(line)).toEqual([]);
  });
});

describe('decodeUserData and scanUserData', () => {
  const script = ['#!/bin/bash', 'yum install -y nginx', 'export AWS_ACCESS_KEY_ID=AKIAZZTESTPLANTED001', 'DB_PASSWORD=Sup3rS3cret!'].join('\n');

  it('scans plain text user data and reports kind and line only', () => {
    expect(scanUserData(b64(script))).toEqual({
      encoding: 'text',
      decodedBytes: Buffer.byteLength(script),
      matches: [
        { kind: 'aws-access-key-id', line: 3, part: null },
        { kind: 'password-assignment', line: 4, part: null },
      ],
    });
  });

  it('gunzips gzip user data (gzip magic) before scanning', () => {
    const scan = scanUserData(b64(gzipSync(script)));
    expect(scan.encoding).toBe('gzip');
    expect(scan.matches.map((m) => [m.kind, m.line])).toEqual([
      ['aws-access-key-id', 3],
      ['password-assignment', 4],
    ]);
  });

  it('unpacks MIME multipart parts, plain, base64 and gzip+base64, numbering lines within each part', () => {
    const cloudConfig = ['#cloud-config', 'users:', '  - name: deploy', '    passwd: plainPassw0rd'].join('\n');
    const keyPart = ['#!/bin/sh', 'cat > /root/.ssh/id_rsa <<EOF', '-----BEGIN RSA PRIVATE KEY-----', 'MIIEplanted', '-----END RSA PRIVATE KEY-----', 'EOF'].join('\n');
    const mime = [
      'Content-Type: multipart/mixed; boundary="==BOUNDARY=="',
      'MIME-Version: 1.0',
      '',
      '--==BOUNDARY==',
      'Content-Type: text/cloud-config; charset="us-ascii"',
      '',
      cloudConfig,
      '--==BOUNDARY==',
      'Content-Type: text/x-shellscript',
      'Content-Transfer-Encoding: base64',
      '',
      b64(keyPart),
      '--==BOUNDARY==',
      'Content-Type: text/x-shellscript',
      'Content-Transfer-Encoding: base64',
      '',
      b64(gzipSync('export AWS_ACCESS_KEY_ID=AKIAZZTESTPLANTED003\n')),
      '--==BOUNDARY==--',
      '',
    ].join('\n');

    const scan = scanUserData(b64(gzipSync(mime)));

    expect(decodeUserData(b64(mime)).encoding).toBe('mime-multipart');
    expect(scan.matches).toEqual([
      { kind: 'password-assignment', line: 4, part: 1 },
      { kind: 'private-key', line: 3, part: 2 },
      { kind: 'aws-access-key-id', line: 1, part: 3 },
    ]);
  });

  it('reports no user data as encoding none', () => {
    expect(scanUserData(undefined)).toEqual({ encoding: 'none', decodedBytes: 0, matches: [] });
    expect(scanUserData('')).toEqual({ encoding: 'none', decodedBytes: 0, matches: [] });
  });

  it('still finds a key id inside binary content', () => {
    const binary = Buffer.concat([Buffer.from([0, 1, 2, 3]), Buffer.from('\nAKIAZZTESTPLANTED004\n')]);
    const scan = scanUserData(b64(binary));
    expect(scan.encoding).toBe('binary');
    expect(scan.matches).toEqual([{ kind: 'aws-access-key-id', line: 2, part: null }]);
  });

  it('refuses a corrupt gzip stream instead of calling it clean', () => {
    const corrupt = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.from('not really gzip, password=leaked1')]);
    expect(() => scanUserData(b64(corrupt))).toThrow(UndecodableUserDataError);
    try {
      scanUserData(b64(corrupt));
    } catch (error) {
      expect((error as Error).message).not.toContain('leaked1');
    }
  });
});
