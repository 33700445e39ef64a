#!/usr/bin/env python3
"""Checks docs/topology.schema.json: it is a valid schema, accepts every topology file given on
the command line, and rejects documents the loader rejects (so the test can fail)."""
import json
import sys

import jsonschema
import yaml

REJECTED = {
    "unknown key": "ases: [{asn: 1, netwroks: []}]",
    "quoted ASN": 'ases: [{asn: "1"}]',
    "ASN zero": "ases: [{asn: 0}]",
    "transit and stub": "ases: [{asn: 1, transit: {exchanges: [1]}, stub: {exchange: 1, hosts: 1}}]",
    "extend with a maker": "ases: [{asn: 1, extend: true, stub: {exchange: 1, hosts: 1}}]",
    "bad prefix": "ases: [{asn: 1, networks: [{name: n, prefix: 10.0.0.0/33}]}]",
    "bad address": "ases: [{asn: 1, hosts: [{name: h, joins: [{network: n, address: 1.2.3}]}]}]",
    "bad name": "ases: [{asn: 1, hosts: [{name: a/b}]}]",
    "dot name": "ases: [{asn: 1, hosts: [{name: ..}]}]",
    "dotted topology name": "name: my.net",
    "network named like a device": "ases: [{asn: 1, networks: [{name: dummy0}]}]",
    "network named like an exchange": "ases: [{asn: 1, networks: [{name: ix100}]}]",
    "network named like a cross-connect": "ases: [{asn: 1, networks: [{name: xc0}]}]",
    "host with a cross-connect":
        "ases: [{asn: 1, hosts: [{name: h, cross_connects: [{peer: as2/r, address: 10.5.0.1/30}]}]}]",
    "cross-connect peer without AS": "ases: [{asn: 1, routers: [{name: r, cross_connects: [{peer: r, address: 10.5.0.1/30}]}]}]",
    "cross-connect address without length": "ases: [{asn: 1, routers: [{name: r, cross_connects: [{peer: as2/r, address: 10.5.0.1}]}]}]",
    "cross-connect peering with a list": "peerings: {cross_connect: [{a: [2], b: 3}]}",
    "unknown relationship": "peerings: {private: [{ix: 1, a: 2, b: 3, relationship: Customer}]}",
    "missing exchange id": "exchanges: [{display_name: X}]",
    "loss over 100": "exchanges: [{id: 1, link: {loss_percent: 101}}]",
    "generate with other objects": "{generate: {ases: 10}, ases: [{asn: 1}]}",
    "generate without ases": "generate: {seed: 1}",
    "generate too large": "generate: {ases: 10001}",
    "generate unknown key": "generate: {ases: 10, sead: 1}",
    "link pair of three": "ases: [{asn: 1, transit: {exchanges: [1], internal_links: [[1, 1, 1]]}}]",
}


def main():
    schema_path, files = sys.argv[1], sys.argv[2:]
    with open(schema_path) as f:
        schema = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    failures = 0
    for path in files:
        with open(path) as f:
            document = yaml.safe_load(f)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
        for e in errors:
            print(f"{path}: {'/'.join(map(str, e.path))}: {e.message}")
        failures += len(errors)
    for what, text in REJECTED.items():
        if validator.is_valid(yaml.safe_load(text)):
            print(f"schema accepts a document with {what}: {text}")
            failures += 1
    print(f"{len(files)} files valid, {len(REJECTED)} bad documents rejected" if not failures
          else f"{failures} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
