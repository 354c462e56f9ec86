#!/usr/bin/env python3
"""Crash safety of ayame-local: kill -9 with requests queued and in flight, restart with the same
state directory, and every accepted request completes once.

Usage: crash_recovery_test.py AYAME_LOCAL_BIN BACKEND_URL IMAGES_FILE STATE_DIR
Credentials and region come from the environment (the key the runtime itself uses). The test
starts ayame-local itself (twice), kills the first by its PID and stops the second with SIGTERM.
Exits non-zero with a message on the first failed check.

The endpoint runs the fake model container in `sleep` mode with one instance taking one request
at a time, so when a request reaches the container every earlier one is finished (written,
notified, journaled) and every later one is queued: killing the runtime right then leaves one
request in flight and the rest queued, whatever the machine's speed.
"""
import atexit
import io
import json
import os
import signal
import subprocess
import sys
import tarfile
import time
import uuid

import boto3
from botocore.config import Config

BINARY, BACKEND, IMAGES, STATE = sys.argv[1:5]
IMAGE = "ayame-local-test/fake-model:latest"
ROLE = "arn:aws:iam::123456789012:role/SageMakerExecution"
SUFFIX = uuid.uuid4().hex[:8]
REQUESTS = 20
KILL_AFTER = 5  # the runtime is killed as the 5th request reaches the container
FAKE_JOURNAL = os.path.join(STATE, "fake-model-journal.txt")


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)
    print(f"ok: {message}")


STARTED = []


@atexit.register
def stop_started():
    """On any exit, a runtime this test started and has not stopped gets SIGTERM (it stops its
    containers), then SIGKILL after 15 s."""
    for process in STARTED:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def start_runtime(log_name):
    log = open(os.path.join(STATE, log_name), "w")
    process = subprocess.Popen(
        [BINARY, "--port", "0", "--images", IMAGES, "--backend", BACKEND, "--state-dir", STATE, "--time-scale", "60"],
        stdout=subprocess.PIPE, stderr=log, text=True)
    STARTED.append(process)
    line = process.stdout.readline().strip()
    if not line.startswith("listening on http://127.0.0.1:"):
        process.kill()
        fail(f"ayame-local did not print its listening line (got {line!r}); see {log.name}")
    return process, line[len("listening on "):]


def clients(url):
    config = Config(retries={"max_attempts": 1})
    return {name: boto3.client(name, endpoint_url=url, config=config)
            for name in ("s3", "sagemaker", "sagemaker-runtime", "sns", "sqs")}


def model_archive(text):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        data = text.encode()
        info = tarfile.TarInfo("model.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def wait_in_service(sagemaker, name, seconds=60):
    deadline = time.time() + seconds
    status = None
    while time.time() < deadline:
        description = sagemaker.describe_endpoint(EndpointName=name)
        status = description["EndpointStatus"]
        if status == "InService":
            return description
        if status == "Failed":
            fail(f"endpoint {name} failed: {description.get('FailureReason')}")
        time.sleep(0.1)
    fail(f"endpoint {name} is not InService after {seconds} s (last status {status})")


def journal_lines():
    try:
        with open(FAKE_JOURNAL) as handle:
            return [line.strip() for line in handle if line.strip()]
    except FileNotFoundError:
        return []


def container_pids(runtime_pid):
    """The runtime's children: its containers (nothing else it starts outlives a call)."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == runtime_pid:
                pids.append(int(entry))
    return pids


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def main():
    first, url = start_runtime("crash-first.log")
    aws = clients(url)
    s3, sagemaker = aws["s3"], aws["sagemaker"]
    bucket = f"ayame-crash-{SUFFIX}"
    region = s3.meta.region_name
    if region == "us-east-1":
        s3.create_bucket(Bucket=bucket)
    else:
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})
    # Versions count the writes: "written once" is one version per output object.
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    s3.put_object(Bucket=bucket, Key="model/model.tar.gz", Body=model_archive("crash-model"))
    topic = aws["sns"].create_topic(Name=f"crash-success-{SUFFIX}")["TopicArn"]
    queue = aws["sqs"].create_queue(QueueName=f"crash-notifications-{SUFFIX}")["QueueUrl"]
    queue_arn = aws["sqs"].get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    aws["sns"].subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn, Attributes={"RawMessageDelivery": "true"})

    model, config, endpoint = f"crash-model-{SUFFIX}", f"crash-config-{SUFFIX}", f"crash-endpoint-{SUFFIX}"
    sagemaker.create_model(
        ModelName=model, ExecutionRoleArn=ROLE,
        PrimaryContainer={"Image": IMAGE, "ModelDataUrl": f"s3://{bucket}/model/model.tar.gz",
                          "Environment": {"FAKE_MODEL_BEHAVIOUR": "sleep", "FAKE_MODEL_SLEEP_SECONDS": "0.5",
                                          "FAKE_MODEL_JOURNAL": FAKE_JOURNAL}})
    sagemaker.create_endpoint_config(
        EndpointConfigName=config,
        ProductionVariants=[{"VariantName": "AllTraffic", "ModelName": model, "InitialInstanceCount": 1,
                             "InstanceType": "ml.m5.large"}],
        AsyncInferenceConfig={"OutputConfig": {"S3OutputPath": f"s3://{bucket}/output",
                                               "NotificationConfig": {"SuccessTopic": topic}},
                              "ClientConfig": {"MaxConcurrentInvocationsPerInstance": 1}})
    sagemaker.create_endpoint(EndpointName=endpoint, EndpointConfigName=config)
    wait_in_service(sagemaker, endpoint)

    names = [f"req-{index:02d}" for index in range(REQUESTS)]
    for name in names:
        s3.put_object(Bucket=bucket, Key=f"input/{name}", Body=name.encode(), ContentType="text/plain")
    for name in names:
        answer = aws["sagemaker-runtime"].invoke_endpoint_async(
            EndpointName=endpoint, InputLocation=f"s3://{bucket}/input/{name}", InferenceId=name, ContentType="text/plain")
        if answer["ResponseMetadata"]["HTTPStatusCode"] != 202:
            fail(f"InvokeEndpointAsync of {name} answered {answer['ResponseMetadata']['HTTPStatusCode']}")
    print(f"ok: {REQUESTS} requests accepted (202)")

    deadline = time.time() + 60
    while len(journal_lines()) < KILL_AFTER:
        if time.time() > deadline:
            fail(f"only {len(journal_lines())} requests reached the container within 60 s")
        time.sleep(0.01)
    stale = container_pids(first.pid)
    first.send_signal(signal.SIGKILL)
    first.wait()
    reached_before = journal_lines()
    in_flight = reached_before[-1]
    check(stale, f"ayame-local killed (kill -9) with {in_flight} in flight and the requests after it queued; "
                 f"its container pids {stale} outlive it")
    # The crash window between an S3 write and its journal record: the output of a queued request
    # is written (straight to the backend) but not journaled. The restart must find it with
    # HeadObject and finish the request without running it or writing again.
    prewritten = names[-3]
    prewritten_body = f"written-before-the-crash|{prewritten}"
    backend_s3 = boto3.client("s3", endpoint_url=BACKEND, config=Config(retries={"max_attempts": 1}))
    backend_s3.put_object(Bucket=bucket, Key=f"output/{prewritten}.out", Body=prewritten_body.encode())

    second, url = start_runtime("crash-second.log")
    try:
        check(all(not alive(pid) for pid in stale), "the restarted runtime stopped the containers the killed one left")
        aws = clients(url)
        description = wait_in_service(aws["sagemaker"], endpoint)
        instances = description["ProductionVariants"][0]["CurrentInstanceCount"]
        check(instances == 1, f"DescribeEndpoint shows {endpoint} InService again with 1 instance (got {instances})")

        outputs = {}
        deadline = time.time() + 90
        while len(outputs) < REQUESTS and time.time() < deadline:
            # The whole bucket: the SigV4-checking moto answers SignatureDoesNotMatch to a listing
            # whose Prefix holds a "/" (called directly as well as through ayame-local).
            listing = aws["s3"].list_object_versions(Bucket=bucket)
            outputs = {}
            for version in (v for v in listing.get("Versions", []) if v["Key"].startswith("output/")):
                outputs.setdefault(version["Key"], []).append(version["VersionId"])
            time.sleep(0.2)
        missing = [name for name in names if f"output/{name}.out" not in outputs]
        check(not missing, f"every accepted request has its output object (missing: {missing})")
        extra = sorted(set(outputs) - {f"output/{name}.out" for name in names})
        check(not extra, f"no other object under output/ (found {extra})")
        rewritten = {key: len(versions) for key, versions in outputs.items() if len(versions) != 1}
        check(not rewritten, f"each output object was written exactly once (more than once: {rewritten})")
        for name in names:
            body = aws["s3"].get_object(Bucket=bucket, Key=f"output/{name}.out")["Body"].read().decode()
            if name == prewritten:
                if body != prewritten_body:
                    fail(f"the output of {name}, written before the restart, was replaced by {body!r}")
            elif not (body.startswith("crash-model|") and body.endswith(f"|{name}")):
                fail(f"output of {name} is {body!r}")
        print("ok: every output holds the model's answer to its own request (and the one found in S3 was kept)")

        reached = journal_lines()
        counts = {name: reached.count(name) for name in names}
        check(counts[prewritten] == 0, f"{prewritten}, whose output was already in S3, was not run ({counts[prewritten]} runs)")
        check(all(count >= 1 for name, count in counts.items() if name != prewritten),
              f"every other request reached a container ({counts})")
        check(all(count <= 2 for count in counts.values()), f"no request reached a container more than twice ({counts})")
        done_before = reached_before[:-1]
        rerun = [name for name in done_before if counts[name] != 1]
        check(not rerun, f"requests finished before the crash ({len(done_before)}) were not run again (run again: {rerun})")

        notified = {}
        deadline = time.time() + 30
        while sum(notified.values()) < REQUESTS and time.time() < deadline:
            messages = aws["sqs"].receive_message(QueueUrl=queue, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", [])
            for message in messages:
                document = json.loads(message["Body"])
                inference = document["inferenceId"]
                notified[inference] = notified.get(inference, 0) + 1
                location = document.get("responseParameters", {}).get("outputLocation", "")
                if document.get("invocationStatus") != "Completed" or not location.endswith(f"/output/{inference}.out"):
                    fail(f"the notification of {inference} is not a success naming its output: {document}")
                aws["sqs"].delete_message(QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"])
        time.sleep(1)
        for message in aws["sqs"].receive_message(QueueUrl=queue, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", []):
            inference = json.loads(message["Body"])["inferenceId"]
            notified[inference] = notified.get(inference, 0) + 1
        check(sorted(notified) == names and all(count == 1 for count in notified.values()),
              f"each request's success notification was sent exactly once ({notified})")
    finally:
        second.send_signal(signal.SIGTERM)
        try:
            second.wait(timeout=15)
        except subprocess.TimeoutExpired:
            second.kill()
            second.wait()
            fail("the restarted ayame-local did not stop within 15 s of SIGTERM")


if __name__ == "__main__":
    main()
