#!/usr/bin/env python3
"""boto3 and the AWS CLI against a running ayame-local: the runtime serves AWS APIs, so the
AWS SDK for Python must work against it unchanged.

Usage: boto3_local_runtime_test.py http://127.0.0.1:PORT
Credentials and region come from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
AWS_DEFAULT_REGION), the key the runtime itself uses. Exits non-zero on the first failed check.
"""
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import uuid

import boto3
import botocore.exceptions
from botocore.config import Config

ENDPOINT = sys.argv[1]
IMAGE = "ayame-local-test/fake-model:latest"
ROLE = "arn:aws:iam::123456789012:role/SageMakerExecution"
SUFFIX = uuid.uuid4().hex[:8]


def client(service, **overrides):
    return boto3.client(service, endpoint_url=ENDPOINT, config=Config(retries={"max_attempts": 1}), **overrides)


def check(condition, message):
    if not condition:
        print(f"FAIL: {message}", file=sys.stderr)
        sys.exit(1)
    print(f"ok: {message}")


def model_archive(text):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        data = text.encode()
        info = tarfile.TarInfo("model.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def wait_for_status(sagemaker, name, wanted, seconds=30):
    seen = []
    deadline = time.time() + seconds
    while time.time() < deadline:
        status = sagemaker.describe_endpoint(EndpointName=name)["EndpointStatus"]
        if not seen or seen[-1] != status:
            seen.append(status)
        if status == wanted:
            return seen
        time.sleep(0.05)
    raise AssertionError(f"{name} never reached {wanted}; saw {seen}")


def deploy_realtime(sagemaker, bucket, behaviour):
    """A one-instance real-time endpoint on the fake container in `behaviour`, InService."""
    name = f"boto3-{behaviour}-{SUFFIX}"
    sagemaker.create_model(
        ModelName=name, ExecutionRoleArn=ROLE,
        PrimaryContainer={"Image": IMAGE, "ModelDataUrl": f"s3://{bucket}/model/model.tar.gz",
                          "Environment": {"FAKE_MODEL_BEHAVIOUR": behaviour}})
    sagemaker.create_endpoint_config(
        EndpointConfigName=name,
        ProductionVariants=[{"VariantName": "AllTraffic", "ModelName": name, "InstanceType": "ml.m5.large", "InitialInstanceCount": 1}])
    sagemaker.create_endpoint(EndpointName=name, EndpointConfigName=name)
    wait_for_status(sagemaker, name, "InService")
    return name


def main():
    s3, sagemaker, runtime = client("s3"), client("sagemaker"), client("sagemaker-runtime")
    bucket = f"ayame-boto3-{SUFFIX}"
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": s3.meta.region_name}) \
        if s3.meta.region_name != "us-east-1" else s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="model/model.tar.gz", Body=model_archive("boto3-model"))
    check(s3.get_object(Bucket=bucket, Key="model/model.tar.gz")["ContentLength"] > 0, "S3 goes through the runtime to moto")

    model = f"boto3-model-{SUFFIX}"
    sagemaker.create_model(
        ModelName=model, ExecutionRoleArn=ROLE,
        PrimaryContainer={"Image": IMAGE, "ModelDataUrl": f"s3://{bucket}/model/model.tar.gz",
                          "Environment": {"FAKE_MODEL_BEHAVIOUR": "uppercase"}})
    names = [m["ModelName"] for m in sagemaker.list_models()["Models"]]
    check(model in names, "ListModels (forwarded) sees the model the runtime recorded in moto")

    config = f"boto3-config-{SUFFIX}"
    sagemaker.create_endpoint_config(
        EndpointConfigName=config,
        ProductionVariants=[{"VariantName": "AllTraffic", "ModelName": model, "InstanceType": "ml.m5.large", "InitialInstanceCount": 1}],
        AsyncInferenceConfig={"OutputConfig": {"S3OutputPath": f"s3://{bucket}/output", "S3FailurePath": f"s3://{bucket}/failure"}})
    endpoint = f"boto3-endpoint-{SUFFIX}"
    created = sagemaker.create_endpoint(EndpointName=endpoint, EndpointConfigName=config)
    check(created["EndpointArn"].endswith(endpoint), "CreateEndpoint answers with the endpoint's ARN")
    seen = wait_for_status(sagemaker, endpoint, "InService")
    check(seen[0] == "Creating", f"Creating observed before InService ({seen})")

    s3.put_object(Bucket=bucket, Key="input/one.txt", Body=b"hello boto3")
    answer = runtime.invoke_endpoint_async(
        EndpointName=endpoint, InputLocation=f"s3://{bucket}/input/one.txt", ContentType="text/plain",
        CustomAttributes="trace=1")
    inference_id = answer["InferenceId"]
    check(answer["ResponseMetadata"]["HTTPStatusCode"] == 202, "InvokeEndpointAsync answers 202")
    check(answer["OutputLocation"] == f"s3://{bucket}/output/{inference_id}.out", "OutputLocation is <S3OutputPath>/<id>.out")
    check(answer["FailureLocation"] == f"s3://{bucket}/failure/{inference_id}-error.out", "FailureLocation is <S3FailurePath>/<id>-error.out")
    deadline = time.time() + 20
    body = None
    while time.time() < deadline and body is None:
        try:
            body = s3.get_object(Bucket=bucket, Key=f"output/{inference_id}.out")["Body"].read().decode()
        except botocore.exceptions.ClientError:
            time.sleep(0.1)
    check(body == "boto3-model|text/plain|trace=1|HELLO BOTO3", f"the result object holds the container's answer ({body!r})")

    try:
        runtime.invoke_endpoint_async(EndpointName=f"missing-{SUFFIX}", InputLocation=f"s3://{bucket}/input/one.txt")
        check(False, "an unknown endpoint is refused")
    except botocore.exceptions.ClientError as error:
        check(error.response["Error"]["Code"] == "ValidationError", f"an unknown endpoint gets ValidationError ({error})")

    try:
        sagemaker.update_endpoint(EndpointName=f"missing-{SUFFIX}", EndpointConfigName=config)
        check(False, "UpdateEndpoint of an unknown endpoint is refused")
    except botocore.exceptions.ClientError as error:
        check(error.response["Error"]["Code"] == "ValidationException", f"UpdateEndpoint of an unknown endpoint: ValidationException ({error})")

    wrong = boto3.client("sagemaker", endpoint_url=ENDPOINT, aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
                         aws_secret_access_key="not-the-secret", config=Config(retries={"max_attempts": 1}))
    try:
        wrong.describe_endpoint(EndpointName=endpoint)
        check(False, "a wrong secret is refused")
    except botocore.exceptions.ClientError as error:
        check(error.response["Error"]["Code"] == "SignatureDoesNotMatch"
              and error.response["ResponseMetadata"]["HTTPStatusCode"] == 403, f"a wrong secret gets SignatureDoesNotMatch, 403 ({error})")

    # A key the runtime does not hold: the backend (moto) judges its signatures.
    iam = client("iam")
    user = f"ayame-boto3-{SUFFIX}"
    iam.create_user(UserName=user)
    iam.put_user_policy(UserName=user, PolicyName="all", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
    other = iam.create_access_key(UserName=user)["AccessKey"]
    second = boto3.client("sagemaker", endpoint_url=ENDPOINT, aws_access_key_id=other["AccessKeyId"],
                          aws_secret_access_key=other["SecretAccessKey"], config=Config(retries={"max_attempts": 1}))
    check(second.describe_endpoint(EndpointName=endpoint)["EndpointStatus"] == "InService",
          "a second IAM user's key is verified by the backend and answered by the runtime")
    second_wrong = boto3.client("sagemaker", endpoint_url=ENDPOINT, aws_access_key_id=other["AccessKeyId"],
                                aws_secret_access_key="wrong", config=Config(retries={"max_attempts": 1}))
    try:
        second_wrong.describe_endpoint(EndpointName=endpoint)
        check(False, "a wrong secret for the second key is refused")
    except botocore.exceptions.ClientError as error:
        check(error.response["ResponseMetadata"]["HTTPStatusCode"] == 403, f"the backend refuses the second key with a wrong secret ({error})")

    # Real-time invocation on an endpoint without AsyncInferenceConfig, and AWS's payload limit.
    realtime_config = f"boto3-realtime-{SUFFIX}"
    sagemaker.create_endpoint_config(
        EndpointConfigName=realtime_config,
        ProductionVariants=[{"VariantName": "AllTraffic", "ModelName": model, "InstanceType": "ml.m5.large", "InitialInstanceCount": 1}])
    realtime = f"boto3-realtime-endpoint-{SUFFIX}"
    sagemaker.create_endpoint(EndpointName=realtime, EndpointConfigName=realtime_config)
    wait_for_status(sagemaker, realtime, "InService")
    answered = runtime.invoke_endpoint(EndpointName=realtime, Body=b"now", ContentType="text/plain")
    check(answered["Body"].read() == b"boto3-model|text/plain||NOW" and answered["InvokedProductionVariant"] == "AllTraffic",
          "InvokeEndpoint returns the container's answer and the variant")
    try:
        runtime.invoke_endpoint(EndpointName=realtime, Body=b"x" * (6 * 1024 * 1024 + 1), ContentType="text/plain")
        check(False, "an oversized payload is refused")
    except botocore.exceptions.ClientError as error:
        check(error.response["ResponseMetadata"]["HTTPStatusCode"] == 413, f"a payload over 6 MB gets 413 ({error})")
    sagemaker.delete_endpoint(EndpointName=realtime)

    # InvokeEndpointWithResponseStream: each word the container sends is a PayloadPart, and the
    # container sends word n only once the file <gate>/<n> exists, which is made here after the
    # previous part arrived, so the parts are seen as they are produced.
    streaming, mirror = deploy_realtime(sagemaker, bucket, "stream"), deploy_realtime(sagemaker, bucket, "mirror")
    gate = tempfile.mkdtemp(prefix="ayame-boto3-gate-")
    answer = runtime.invoke_endpoint_with_response_stream(
        EndpointName=streaming, Body=b"alpha beta gamma", ContentType="text/plain", Accept="text/x-words",
        CustomAttributes=f"gate={gate}")
    check(answer["ContentType"] == "text/x-words" and answer["InvokedProductionVariant"] == "AllTraffic",
          f"InvokeEndpointWithResponseStream answers with the container's content type and the variant ({answer['ContentType']})")
    parts = []
    for event in answer["Body"]:
        parts.append(event["PayloadPart"]["Bytes"])
        open(os.path.join(gate, str(len(parts) + 1)), "w").close()
    check(parts == [b"alpha", b"beta", b"gamma"], f"boto3 iterates one PayloadPart per piece the container sent ({parts})")
    broken = runtime.invoke_endpoint_with_response_stream(EndpointName=streaming, Body=b"one !break two", ContentType="text/plain")
    received = []
    try:
        for event in broken["Body"]:
            received.append(event["PayloadPart"]["Bytes"])
        check(False, "a container that breaks off mid-stream ends the stream with an error")
    except botocore.exceptions.EventStreamError as error:
        check(error.response["Error"]["Code"] == "ModelStreamError" and "broke off" in error.response["Error"]["Message"]
              and received == [b"one"], f"a container that breaks off mid-stream: ModelStreamError after the parts sent ({error})")

    # A binary file of several MiB through InvokeEndpoint, from boto3 and from the AWS CLI.
    payload = bytes((index * 2654435761 >> 13) & 0xFF for index in range(5 * 1024 * 1024))
    echoed = runtime.invoke_endpoint(EndpointName=mirror, Body=payload, ContentType="application/x-npy")
    check(echoed["Body"].read() == payload and echoed["ContentType"] == "application/x-npy",
          "InvokeEndpoint streams a 5 MiB body to the container and its answer back (boto3)")
    scratch = tempfile.mkdtemp(prefix="ayame-cli-invoke-")
    with open(os.path.join(scratch, "in.bin"), "wb") as handle:
        handle.write(payload)
    invoked = subprocess.run(
        ["aws", "sagemaker-runtime", "invoke-endpoint", "--endpoint-name", mirror, "--content-type", "application/x-npy",
         "--body", f"fileb://{scratch}/in.bin", f"{scratch}/out.bin"],
        env=dict(os.environ, AWS_ENDPOINT_URL=ENDPOINT), capture_output=True, text=True)
    with open(os.path.join(scratch, "out.bin"), "rb") as handle:
        check(invoked.returncode == 0 and handle.read() == payload,
              f"the AWS CLI's invoke-endpoint sends a 5 MiB file and writes the answer to its outfile ({invoked.stderr.strip()})")
    shutil.rmtree(scratch)
    shutil.rmtree(gate)
    sagemaker.delete_endpoint(EndpointName=streaming)
    sagemaker.delete_endpoint(EndpointName=mirror)

    # The AWS CLI, configured by nothing but AWS_ENDPOINT_URL.
    environment = dict(os.environ, AWS_ENDPOINT_URL=ENDPOINT)
    described = subprocess.run(["aws", "sagemaker", "describe-endpoint", "--endpoint-name", endpoint],
                               env=environment, capture_output=True, text=True)
    check(described.returncode == 0 and json.loads(described.stdout)["EndpointStatus"] == "InService",
          f"the AWS CLI describes the endpoint through AWS_ENDPOINT_URL ({described.stderr.strip()})")

    sagemaker.delete_endpoint(EndpointName=endpoint)
    check(sagemaker.describe_endpoint(EndpointName=endpoint)["EndpointStatus"] == "Deleting", "DeleteEndpoint: Deleting")
    deadline = time.time() + 20
    gone = False
    while time.time() < deadline and not gone:
        try:
            sagemaker.describe_endpoint(EndpointName=endpoint)
            time.sleep(0.1)
        except botocore.exceptions.ClientError as error:
            gone = error.response["Error"]["Code"] == "ValidationException"
    check(gone, "the deleted endpoint is gone")
    print("boto3 and AWS CLI checks passed")


if __name__ == "__main__":
    main()
