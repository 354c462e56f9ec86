"""boto3's side of `ayame-bench call`: DescribeEndpoint in a loop against the benchmark's canned
loopback server, timed the same way as Ayame's sequential scenario (batches of 50 calls, the
median per-call time over batches), plus the process's CPU time per call.

Prints one line: `median_ns=<n> p90_ns=<n> cpu_ns_per_call=<n> calls=<n> boto3=<version>`.
The credentials and region are the benchmark's dummy ones; nothing leaves 127.0.0.1.
"""
import argparse
import os
import resource
import time

parser = argparse.ArgumentParser()
parser.add_argument("--endpoint", required=True)
parser.add_argument("--calls", type=int, default=3000)
arguments = parser.parse_args()

os.environ.update({
    "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "AWS_CONFIG_FILE": "/nonexistent/ayame-bench-config",
    "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/ayame-bench-credentials",
    "AWS_EC2_METADATA_DISABLED": "true",
})
import boto3  # noqa: E402  (after the environment is set)

client = boto3.client("sagemaker", region_name="us-east-1", endpoint_url=arguments.endpoint)


def call():
    answer = client.describe_endpoint(EndpointName="async-inference-demo-endpoint")
    if answer["EndpointStatus"] != "InService":
        raise SystemExit("unexpected status " + answer["EndpointStatus"])


for _ in range(200):  # warm-up: connection, model loading, caches
    call()

batch = 50
samples = []
usage_before = resource.getrusage(resource.RUSAGE_SELF)
for _ in range(max(arguments.calls // batch, 1)):
    start = time.perf_counter_ns()
    for _ in range(batch):
        call()
    samples.append((time.perf_counter_ns() - start) / batch)
usage_after = resource.getrusage(resource.RUSAGE_SELF)
samples.sort()
calls = len(samples) * batch
cpu = (usage_after.ru_utime - usage_before.ru_utime) + (usage_after.ru_stime - usage_before.ru_stime)
print(
    f"median_ns={round(samples[len(samples) // 2])} p90_ns={round(samples[int(len(samples) * 0.9)])} "
    f"cpu_ns_per_call={round(cpu * 1e9 / calls)} calls={calls} boto3={boto3.__version__}"
)
