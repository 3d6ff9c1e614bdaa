import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isIpLiteral, normalizeIpLiteral, policyAllowing, publicAddressPolicy } from "./address-policy.js";

const refused: [string, RegExp][] = [
  ["127.0.0.1", /loopback/],
  ["127.255.0.9", /loopback/],
  ["::1", /loopback/],
  ["0.0.0.0", /unspecified/],
  ["0.1.2.3", /unspecified/],
  ["::", /unspecified/],
  ["10.0.0.1", /private/],
  ["172.16.0.1", /private/],
  ["172.31.255.255", /private/],
  ["192.168.1.1", /private/],
  ["169.254.1.1", /link-local/],
  ["fe80::1", /link-local/],
  ["100.64.0.1", /carrier-grade NAT/],
  ["224.0.0.1", /multicast/],
  ["ff02::1", /multicast/],
  ["255.255.255.255", /broadcast/],
  ["fc00::1", /unique-local/],
  ["fd12:3456::1", /unique-local/],
  ["::ffff:127.0.0.1", /IPv4-mapped/],
  ["::ffff:8.8.8.8", /IPv4-mapped/],
  ["64:ff9b::7f00:1", /NAT64/],
  ["2002:7f00:1::1", /6to4/],
  ["192.0.2.1", /documentation/],
  ["198.51.100.7", /documentation/],
  ["203.0.113.9", /documentation/],
  ["2001:db8::1", /documentation/],
  ["198.18.0.1", /reserved|benchmark/],
  ["240.0.0.1", /reserved/],
  ["169.254.169.254", /metadata/],
  ["fd00:ec2::254", /metadata/],
  ["168.63.129.16", /metadata/],
  ["100.100.100.200", /metadata/],
];

describe("address policy", () => {
  it("refuses every special-purpose range and says which", () => {
    for (const [address, reason] of refused) {
      const verdict = publicAddressPolicy(address);
      assert.equal(verdict.allowed, false, `${address} must be refused`);
      if (!verdict.allowed) assert.match(verdict.reason, reason, address);
    }
  });

  it("allows public unicast addresses", () => {
    for (const address of ["93.184.215.14", "1.1.1.1", "8.8.8.8", "2606:4700:4700::1111", "2a00:1450:4001::200e"]) {
      assert.deepEqual(publicAddressPolicy(address), { allowed: true }, address);
    }
  });

  it("refuses anything that is not an address", () => {
    assert.equal(publicAddressPolicy("example.org").allowed, false);
    assert.equal(publicAddressPolicy("").allowed, false);
  });

  it("reads legacy IPv4 spellings as the address they mean", () => {
    for (const form of ["0x7f.1", "017700000001", "2130706433", "0177.0.0.1", "127.1"]) {
      assert.ok(isIpLiteral(form), form);
      assert.equal(normalizeIpLiteral(form), "127.0.0.1", form);
      assert.equal(publicAddressPolicy(form).allowed, false, form);
    }
    assert.equal(normalizeIpLiteral("[::FFFF:7f00:1]"), "::ffff:7f00:1");
    assert.equal(isIpLiteral("localhost"), false);
  });

  it("lets tests open exactly the ranges they name, and nothing else", () => {
    const policy = policyAllowing(["127.0.0.1/32"]);
    assert.equal(policy("127.0.0.1").allowed, true);
    assert.equal(policy("127.0.0.2").allowed, false);
    assert.equal(policy("::1").allowed, false);
    assert.equal(policy("10.0.0.1").allowed, false);
    assert.equal(policy("8.8.8.8").allowed, true);
  });
});
