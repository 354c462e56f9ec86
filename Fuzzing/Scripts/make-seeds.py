#!/usr/bin/env python3
"""Writes the seed corpora in Fuzzing/Corpus/ from the repository's own test data.

Seeds are small on purpose: libFuzzer mutates them, and every byte of a seed costs time in
every execution. Run from anywhere; it rewrites only the generated seeds (names starting with
`seed-`), never the regression inputs (`crash-*`, `leak-*`, `timeout-*`) added by hand.
"""
import glob
import hashlib
import json
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "Fuzzing", "Corpus")
TESTDATA = os.path.join(ROOT, "Tests", "TestData")


def write(target, data, limit=4096):
    if isinstance(data, str):
        data = data.encode()
    if not data or len(data) > limit:
        return
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(folder, name), "wb") as handle:
        handle.write(data)


def wire_exchanges():
    for path in sorted(glob.glob(os.path.join(TESTDATA, "wire", "*.http"))):
        text = open(path, "rb").read()
        marker = text.find(b"<<< RESPONSE")
        if marker < 0:
            continue
        response = text[text.index(b"\n", marker) + 1:]
        head, _, body = response.partition(b"\r\n\r\n")
        if not _:
            head, _, body = response.partition(b"\n\n")
        yield head, body.strip()


def clear():
    for path in glob.glob(os.path.join(CORPUS, "*", "seed-*")):
        os.remove(path)


clear()

# XML and JSON readers: the response bodies of the golden exchanges, plus edge cases.
for head, body in wire_exchanges():
    # moto's HTML error pages are not XML; the error decoder's tests cover them.
    if body.startswith(b"<") and not body.lower().startswith(b"<!doctype"):
        write("xml-reader", body)
    elif body.startswith(b"{") or body.startswith(b"["):
        write("json-reader", body)
    head = head.replace(b"\r\n", b"\n")
    write("response-head", b"\r\n".join(head.split(b"\n")) + b"\r\n\r\n")
for seed in [
    '<?xml version="1.0"?><!-- c --><a xmlns="urn:x" xmlns:p="urn:p"><p:b at=\'1&amp;2\'>x&lt;&#65;&#x42;</p:b><c/><![CDATA[<raw>]]><?pi x?></a>',
    '<Error><Code>SlowDown</Code><Message>Please &quot;reduce&quot;\r\n rate</Message><RequestId>r</RequestId></Error>',
    '\ufeff<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code></Error></ErrorResponse>',
    # Character references at the edges of XML's Char production, decimal and hex.
    '<a t="&#9;&#x10FFFF;">&#xA;&#13;&#xd7ff;&#xE000;&#xFFFD;&#x10000;&#0065;&#x0042;</a>',
]:
    write("xml-reader", seed)
for seed in [
    '{"a":[1,-0,2.5e-3,1E+400,9223372036854775808,true,false,null],"s":"\\u00e9\\ud83d\\ude00\\n\\/"}',
    '{"__type":"com.amazonaws#ValidationException","message":"bad","Message":"x"}',
    '[[[[{"":{}}]]]]',
    # Bodies of the differential target's every-kind structure (CoreFuzzing+JSONShapes.swift).
    '{"Text":"t\\u00e9","Count":3,"Big":-9007199254740993,"Ratio":"NaN","Small":2.5,"Flag":true,"When":"2026-12-02T12:00:00Z",'
    '"Data":"/wAQ","Items":[{"value":"v","Next":{"value":null}},null],"Lookup":{"a":[1,null],"b":[]},'
    '"Doc":{"n":[1.5,"s",null]},"Choice":{"B":2},"inner":{"value":"x"},"Unknown":{"k":[true]}}',
    '{"When":1764676800.25,"Count":7.0,"Text":null,"Text":"again","Lookup":{"k":[1],"k":[2]},"Choice":{"A":"a","C":1}}',
    # Bodies the direct reader reads (CoreFuzzing+DirectReading.swift): a required member,
    # a cycle, and one that leaves required members out for the error correction to fill in.
    '{"Name":"n","Count":-1e2,"Ratio":"-Infinity","Small":1,"When":"Tue, 25 Nov 2025 17:36:19 GMT",'
    '"Items":[{"value":"a","Next":{"value":"b","Next":null}}],"Lookup":{"x":[1,2.0]},"Doc":null,"inner":{"Next":{}}}',
    '\ufeff { "inner" : { } , "Items" : [ null , { } ] }',
]:
    write("json-reader", seed)

# Response heads: interim 100, a redirect, folded lines, HTTP/2.
for seed in [
    "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nx-amz-request-id: 1\r\nETag: \"e\"\r\n\r\n",
    "HTTP/1.1 307 Temporary Redirect\r\nLocation: https://b.s3.amazonaws.com/\r\n\r\nHTTP/2 503\r\nretry-after: 2\r\nx-amzn-ErrorType: Throttling\r\n\r\n",
    "HTTP/1.0 200 OK\r\nX-Folded: first\r\n  second\r\n\tthird\r\nContent-Length: 0\r\n\r\n",
    # A status line without a reason phrase, and one with spaces in it.
    "HTTP/1.1 204\r\nx-amz-request-id: 2\r\n\r\n",
    "HTTP/1.1 404 Not Found Here\r\nContent-Length: 0\r\n\r\n",
]:
    write("response-head", seed)

# Shared config: the shapes the configuration tests use.
for seed in [
    "[default]\nregion = us-west-2\naws_access_key_id=AKID\naws_secret_access_key = secret ; comment\n",
    "[profile dev]\nsource_profile = base\nrole_arn = arn:aws:iam::123456789012:role/r\ns3 =\n  addressing_style = path\n  max_concurrent_requests=10\n\n[profile base]\ncredential_process = /bin/echo {}\n",
    "[sso-session my]\nsso_region = us-east-1\nsso_start_url = https://d.awsapps.com/start\n[profile sso]\nsso_session = my\nsso_account_id: 111122223333\n[services local]\nsagemaker =\n  endpoint_url = http://127.0.0.1:9\n[DEFAULT]\nretry_mode = adaptive\n",
    "\ufeff# comment\n[default]\nkey = multi\n  line\n  value\n[default ]\n",
]:
    write("shared-config", seed)

# Endpoint rule sets: the smallest real ones, minified, and a rule set that calls every function.
for name in ["sagemaker", "sqs", "application-autoscaling"]:
    path = os.path.join(ROOT, "CodeGenerator", "Models", name, "endpoint-rule-set-1.json")
    document = json.load(open(path))
    write("endpoint-rule-set", json.dumps(document, separators=(",", ":")), limit=16384)
functions = {
    "version": "1.0",
    "parameters": {
        "Region": {"builtIn": "AWS::Region", "required": True, "type": "String"},
        "Endpoint": {"builtIn": "SDK::Endpoint", "required": False, "type": "String"},
        "Bucket": {"required": False, "type": "String"},
        "UseFIPS": {"builtIn": "AWS::UseFIPS", "required": True, "default": False, "type": "Boolean"},
        "Names": {"required": False, "type": "StringArray", "default": ["a"]},
    },
    "rules": [
        {"conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]},
                        {"fn": "parseURL", "argv": [{"ref": "Endpoint"}], "assign": "url"}],
         "endpoint": {"url": "{url#scheme}://{url#authority}{url#normalizedPath}", "properties": {}, "headers": {}},
         "type": "endpoint"},
        {"conditions": [{"fn": "isSet", "argv": [{"ref": "Bucket"}]},
                        {"fn": "aws.parseArn", "argv": [{"ref": "Bucket"}], "assign": "arn"},
                        {"fn": "getAttr", "argv": [{"ref": "arn"}, "resourceId[0]"], "assign": "id"},
                        {"fn": "substring", "argv": [{"ref": "id"}, 0, 3, True], "assign": "head"},
                        {"fn": "uriEncode", "argv": [{"ref": "head"}], "assign": "encoded"},
                        {"fn": "isValidHostLabel", "argv": [{"ref": "encoded"}, False]}],
         "error": "ARN {arn#partition} {encoded}", "type": "error"},
        {"conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "p"},
                        {"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, True]},
                        {"fn": "not", "argv": [{"fn": "stringEquals", "argv": [{"ref": "Region"}, "x"]}]}],
         "rules": [{"conditions": [{"fn": "aws.isVirtualHostableS3Bucket", "argv": [{"ref": "Region"}, True]}],
                    "endpoint": {"url": "https://svc-fips.{Region}.{p#dnsSuffix}",
                                 "properties": {"authSchemes": [{"name": "sigv4", "signingName": "svc", "signingRegion": "{Region}"}]}},
                    "type": "endpoint"},
                   {"conditions": [], "error": "no", "type": "error"}],
         "type": "tree"},
        {"conditions": [], "endpoint": {"url": "https://svc.{Region}.amazonaws.com"}, "type": "endpoint"},
    ],
}
write("endpoint-rule-set", json.dumps(functions, separators=(",", ":")))

# SigV4: the AWS test suite's requests. Byte 0 picks the signing rules (see the target).
suite = os.path.join(TESTDATA, "sigv4", "v4")
for request_path in sorted(glob.glob(os.path.join(suite, "**", "request.txt"), recursive=True)):
    lines = open(request_path, "rb").read().replace(b"\r\n", b"\n").split(b"\n")
    method, _, rest = lines[0].partition(b" ")
    target = rest.rsplit(b" ", 1)[0]
    headers = [line for line in lines[1:] if line and b":" in line]
    host = next((h.split(b":", 1)[1] for h in headers if h.lower().startswith(b"host:")), b"example.amazonaws.com")
    url = b"https://" + host + target
    for flags in (0x06, 0x09):
        write("sigv4-canonicalization", bytes([flags]) + b"\n".join([method, url] + headers))

# Event streams: valid messages (each header type, with and without payload) and bodies of
# several messages, framed with zlib's CRC-32 as AWS frames them.
import struct
import zlib


def event_header(name, kind, value=b""):
    name = name.encode()
    return bytes([len(name)]) + name + bytes([kind]) + value


def event_string(name, value):
    value = value.encode()
    return event_header(name, 7, struct.pack(">H", len(value)) + value)


def event_message(headers, payload):
    total = 12 + len(headers) + len(payload) + 4
    prelude = struct.pack(">II", total, len(headers))
    prelude += struct.pack(">I", zlib.crc32(prelude))
    body = prelude + headers + payload
    return body + struct.pack(">I", zlib.crc32(body))


payload_part = event_message(
    event_string(":message-type", "event") + event_string(":event-type", "PayloadPart")
    + event_string(":content-type", "application/octet-stream"), b'{"hanabira_prediction":"setosa"}')
every_type = event_message(
    event_header("t", 0) + event_header("f", 1) + event_header("b", 2, b"\x7f") + event_header("s", 3, b"\x01\x02")
    + event_header("i", 4, b"\x00\x00\x01\x00") + event_header("l", 5, b"\x00" * 7 + b"\x05")
    + event_header("y", 6, b"\x00\x03abc") + event_string("str", "value")
    + event_header("ts", 8, struct.pack(">q", 1700000000000)) + event_header("u", 9, bytes(range(16))), b"")
exception = event_message(
    event_string(":message-type", "exception") + event_string(":exception-type", "ModelStreamError")
    + event_string(":content-type", "application/json"), b'{"Message":"boom","ErrorCode":"E1"}')
error = event_message(
    event_string(":message-type", "error") + event_string(":error-code", "InternalFailure")
    + event_string(":error-message", "try again"), b"")
empty = event_message(b"", b"")
for body in (payload_part, every_type, exception, error, empty, payload_part * 3 + empty, payload_part + exception):
    write("event-stream", body)
