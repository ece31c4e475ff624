import { addressClass, checkWebhookUrl, isPrivateAddress } from '../../src/modules/webhooks/webhook-target.js';

/**
 * Webhook targets (#28): a table of hostile addresses, each refused with the class ipaddr.js gives it, and the
 * public ones that must still pass. Literal-IP URLs are judged without DNS.
 */
describe('webhook target classification', () => {
  const HOSTILE: Array<[string, string]> = [
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'ipv4Mapped:loopback'],
    ['::ffff:169.254.169.254', 'ipv4Mapped:linkLocal'],
    ['::ffff:10.0.0.1', 'ipv4Mapped:private'],
    // IPv4-compatible (deprecated); URL normalises [::127.0.0.1] to [::7f00:1]
    ['::7f00:1', 'notGlobalUnicast'],
    ['::a9fe:a9fe', 'notGlobalUnicast'],
    // NAT64 well-known prefix: the embedded IPv4 address decides
    ['64:ff9b::a9fe:a9fe', 'rfc6052:linkLocal'],
    ['64:ff9b::127.0.0.1', 'rfc6052:loopback'],
    ['64:ff9b::10.0.0.1', 'rfc6052:private'],
    ['64:ff9b:1::a9fe:a9fe', 'rfc6052'], // local-use NAT64: refused outright
    ['::ffff:0:7f00:1', 'rfc6145'],
    ['2002:7f00:1::1', '6to4'],
    ['2002:5db8:d822::1', '6to4'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
    ['2001:db8::1', 'reserved'],
    ['100::1', 'discard'],
    ['fec0::1', 'deprecatedSiteLocal'],
    ['not-an-address', 'invalid'],
  ];

  it.each(HOSTILE)('refuses %s (%s)', (address, why) => {
    expect(addressClass(address)).toBe(why);
    expect(isPrivateAddress(address)).toBe(true);
  });

  it('accepts public unicast addresses, also inside IPv4-mapped and NAT64 forms', () => {
    for (const a of [
      '93.184.216.34',
      '8.8.8.8',
      '2606:4700::1111',
      '2a00:1450:4001:80b::200e',
      '::ffff:93.184.216.34',
      '64:ff9b::808:808',
    ])
      expect([a, addressClass(a)]).toEqual([a, null]);
  });

  it('refuses hostile literal URLs without DNS, as the audit found them', async () => {
    for (const url of [
      'http://[::127.0.0.1]/hook',
      'http://[64:ff9b::a9fe:a9fe]/latest/meta-data',
      'http://[::ffff:7f00:1]/hook',
      'http://0x7f.1/hook',
      'http://2130706433/hook',
      'http://[2002:7f00:1::1]/hook',
      'https://[fd00::1]:8443/hook',
    ])
      await expect(checkWebhookUrl(url, false)).rejects.toMatchObject({ code: 'VALIDATION', field: 'url' });
    expect(await checkWebhookUrl('http://[::127.0.0.1]/hook', true)).toBe('http://[::7f00:1]/hook');
    expect(await checkWebhookUrl('https://93.184.216.34/hook', false)).toBe('https://93.184.216.34/hook');
  });
});
