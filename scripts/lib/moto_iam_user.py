"""Creates an IAM user with an allow-all inline policy and an access key on a moto server that
verifies SigV4, using its free unauthenticated requests; prints "<access key id> <secret>".

Usage: python3 scripts/lib/moto_iam_user.py http://127.0.0.1:PORT
"""
import json
import sys

import boto3


def main() -> int:
    endpoint = sys.argv[1]
    iam = boto3.client(
        "iam", endpoint_url=endpoint, region_name="us-east-1",
        aws_access_key_id="bootstrap", aws_secret_access_key="bootstrap",
    )
    iam.create_user(UserName="ayame-ci")
    iam.put_user_policy(
        UserName="ayame-ci", PolicyName="allow-all",
        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}),
    )
    key = iam.create_access_key(UserName="ayame-ci")["AccessKey"]
    print(key["AccessKeyId"], key["SecretAccessKey"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
