#!/usr/bin/env python3
"""Scaling on a running ayame-local through boto3: UpdateEndpointWeightsAndCapacities, a step
policy fired by a CloudWatch alarm (state written back, activity in DescribeScalingActivities),
and bad configuration reported in the alarm's reason, a Failed activity and the runtime's log
without stopping it.

Usage: scaling_boto3_test.py http://127.0.0.1:PORT RUNTIME_LOG
The runtime runs with --time-scale 60. Credentials and region come from the environment.
Exits non-zero on the first failed check.
"""
import io
import os
import sys
import tarfile
import time
import uuid

import boto3
import botocore.exceptions
from botocore.config import Config

ENDPOINT, LOG = sys.argv[1], sys.argv[2]
IMAGE = "ayame-local-test/fake-model:latest"
ROLE = "arn:aws:iam::123456789012:role/SageMakerExecution"
SUFFIX = uuid.uuid4().hex[:8]
DIMENSION = "sagemaker:variant:DesiredInstanceCount"


def client(service):
    return boto3.client(service, endpoint_url=ENDPOINT, config=Config(retries={"max_attempts": 1}))


def check(condition, message):
    if not condition:
        print(f"FAIL: {message}", file=sys.stderr)
        sys.exit(1)
    print(f"ok: {message}")


def eventually(probe, seconds, what):
    """Polls probe() until it returns something truthy; fails with the last value seen."""
    deadline = time.time() + seconds
    last = None
    while time.time() < deadline:
        last = probe()
        if last:
            return last
        time.sleep(0.1)
    check(False, f"{what} within {seconds} s (last seen: {last!r})")


def model_archive(text):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        data = text.encode()
        info = tarfile.TarInfo("model.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def variant(sagemaker, endpoint):
    described = sagemaker.describe_endpoint(EndpointName=endpoint)
    first = described["ProductionVariants"][0]
    return described["EndpointStatus"], first["CurrentInstanceCount"], first["DesiredInstanceCount"]


def main():
    s3, sagemaker = client("s3"), client("sagemaker")
    autoscaling, cloudwatch = client("application-autoscaling"), client("cloudwatch")
    region = s3.meta.region_name
    bucket = f"ayame-scaling-{SUFFIX}"
    if region == "us-east-1":
        s3.create_bucket(Bucket=bucket)
    else:
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})
    s3.put_object(Bucket=bucket, Key="model/model.tar.gz", Body=model_archive("scaling-model"))
    model, endpoint = f"scaling-model-{SUFFIX}", f"scaling-endpoint-{SUFFIX}"
    sagemaker.create_model(ModelName=model, ExecutionRoleArn=ROLE,
                           PrimaryContainer={"Image": IMAGE, "ModelDataUrl": f"s3://{bucket}/model/model.tar.gz"})
    sagemaker.create_endpoint_config(
        EndpointConfigName=endpoint,
        ProductionVariants=[{"VariantName": "AllTraffic", "ModelName": model, "InstanceType": "ml.m5.large", "InitialInstanceCount": 1}],
        AsyncInferenceConfig={"OutputConfig": {"S3OutputPath": f"s3://{bucket}/output"}})
    sagemaker.create_endpoint(EndpointName=endpoint, EndpointConfigName=endpoint)
    eventually(lambda: variant(sagemaker, endpoint)[0] == "InService", 30, "the endpoint is InService")
    resource = f"endpoint/{endpoint}/variant/AllTraffic"

    # UpdateEndpointWeightsAndCapacities: Updating with the new desired count, then InService with it running.
    sagemaker.update_endpoint_weights_and_capacities(
        EndpointName=endpoint, DesiredWeightsAndCapacities=[{"VariantName": "AllTraffic", "DesiredInstanceCount": 2}])
    status, current, desired = variant(sagemaker, endpoint)
    check(status == "Updating" and desired == 2, f"UpdateEndpointWeightsAndCapacities: Updating, desired 2 ({status}, {current}, {desired})")
    eventually(lambda: variant(sagemaker, endpoint) == ("InService", 2, 2), 30, "InService with 2 instances running")
    try:
        sagemaker.update_endpoint_weights_and_capacities(
            EndpointName=endpoint, DesiredWeightsAndCapacities=[{"VariantName": "Nope", "DesiredInstanceCount": 1}])
        check(False, "an unknown variant is refused")
    except botocore.exceptions.ClientError as error:
        check(error.response["Error"]["Code"] == "ValidationException", f"an unknown variant: ValidationException ({error})")

    # A step policy (ExactCapacity, step below the threshold) fired by an idle alarm: 2 of 2 periods
    # with ApproximateBacklogSize <= 0 set the variant to exactly 1.
    autoscaling.register_scalable_target(ServiceNamespace="sagemaker", ResourceId=resource, ScalableDimension=DIMENSION,
                                         MinCapacity=0, MaxCapacity=3)
    exact = autoscaling.put_scaling_policy(
        PolicyName=f"exact-one-{SUFFIX}", ServiceNamespace="sagemaker", ResourceId=resource, ScalableDimension=DIMENSION,
        PolicyType="StepScaling", StepScalingPolicyConfiguration={
            "AdjustmentType": "ExactCapacity", "Cooldown": 60, "MetricAggregationType": "Maximum",
            "StepAdjustments": [{"MetricIntervalUpperBound": 0, "ScalingAdjustment": 1}]})["PolicyARN"]
    idle = f"idle-{SUFFIX}"
    cloudwatch.put_metric_alarm(
        AlarmName=idle, Namespace="AWS/SageMaker", MetricName="ApproximateBacklogSize",
        Dimensions=[{"Name": "EndpointName", "Value": endpoint}], Statistic="Maximum", Period=60, EvaluationPeriods=2,
        DatapointsToAlarm=2, Threshold=0, ComparisonOperator="LessThanOrEqualToThreshold", AlarmActions=[exact])
    eventually(lambda: variant(sagemaker, endpoint) == ("InService", 1, 1), 30, "the idle alarm's ExactCapacity step sets 1 instance")
    alarm = cloudwatch.describe_alarms(AlarmNames=[idle])["MetricAlarms"][0]
    check(alarm["StateValue"] == "ALARM" and alarm["StateReason"].startswith("Threshold Crossed: 2 out of the last 2 datapoints [0.0 (")
          and "less than or equal to the threshold (0.0)" in alarm["StateReason"], f"DescribeAlarms shows ALARM with its reason ({alarm['StateReason']})")
    activities = autoscaling.describe_scaling_activities(ServiceNamespace="sagemaker", ResourceId=resource)["ScalingActivities"]
    check([a["Cause"] for a in activities] == [f"monitor alarm {idle} in state ALARM triggered policy exact-one-{SUFFIX}"]
          and activities[0]["StatusCode"] == "Successful" and activities[0]["Description"] == "Setting desired instance count to 1.",
          f"boto3 sees the scaling activity ({activities})")
    cloudwatch.delete_alarms(AlarmNames=[idle])

    # Bad configuration: an alarm naming a policy that does not exist and a policy on an endpoint the
    # runtime does not host; a target whose MinCapacity exceeds its MaxCapacity.
    ghost = f"endpoint/ghost-{SUFFIX}/variant/AllTraffic"
    autoscaling.register_scalable_target(ServiceNamespace="sagemaker", ResourceId=ghost, ScalableDimension=DIMENSION,
                                         MinCapacity=0, MaxCapacity=1)
    ghost_policy = autoscaling.put_scaling_policy(
        PolicyName="ghost", ServiceNamespace="sagemaker", ResourceId=ghost, ScalableDimension=DIMENSION, PolicyType="StepScaling",
        StepScalingPolicyConfiguration={"AdjustmentType": "ChangeInCapacity",
                                        "StepAdjustments": [{"MetricIntervalLowerBound": 0, "ScalingAdjustment": 1}]})["PolicyARN"]
    missing = f"arn:aws:autoscaling:{region}:123456789012:scalingPolicy:00000000-0000-0000-0000-000000000000:resource/sagemaker/{resource}:policyName/no-such-policy"
    broken = f"broken-{SUFFIX}"
    cloudwatch.put_metric_alarm(
        AlarmName=broken, Namespace="AWS/SageMaker", MetricName="HasBacklogWithoutCapacity",
        Dimensions=[{"Name": "EndpointName", "Value": endpoint}], Statistic="Average", Period=60, EvaluationPeriods=1,
        Threshold=-1, ComparisonOperator="GreaterThanThreshold", AlarmActions=[missing, ghost_policy])

    def broken_reason():
        alarm = cloudwatch.describe_alarms(AlarmNames=[broken])["MetricAlarms"][0]
        return alarm["StateValue"] == "ALARM" and alarm["StateReason"]
    reason = eventually(broken_reason, 20, "the broken alarm is in ALARM")
    check(f"Failed to execute action {missing}: no step scaling policy with this ARN exists on {resource}" in reason,
          f"the alarm's reason names the missing policy ({reason})")
    check(f"Failed to execute action {ghost_policy}: resource {ghost} is not a variant of an endpoint this runtime hosts." in reason,
          "the alarm's reason names the policy on a resource that is not one of the runtime's endpoint variants")
    failed = autoscaling.describe_scaling_activities(ServiceNamespace="sagemaker", ResourceId=ghost)["ScalingActivities"]
    check(len(failed) == 1 and failed[0]["StatusCode"] == "Failed" and "is not a variant of an endpoint" in failed[0]["StatusMessage"],
          f"a Failed activity for the resource that is not an endpoint variant ({failed})")
    ours = autoscaling.describe_scaling_activities(ServiceNamespace="sagemaker", ResourceId=resource)["ScalingActivities"]
    check(any(a["StatusCode"] == "Failed" and a["Cause"] == f"monitor alarm {broken} in state ALARM triggered policy no-such-policy"
              for a in ours), "a Failed activity for the missing policy on the endpoint's variant")
    cloudwatch.delete_alarms(AlarmNames=[broken])

    autoscaling.register_scalable_target(ServiceNamespace="sagemaker", ResourceId=resource, ScalableDimension=DIMENSION,
                                         MinCapacity=3, MaxCapacity=1)
    exact_two = autoscaling.put_scaling_policy(
        PolicyName=f"exact-two-{SUFFIX}", ServiceNamespace="sagemaker", ResourceId=resource, ScalableDimension=DIMENSION,
        PolicyType="StepScaling", StepScalingPolicyConfiguration={
            "AdjustmentType": "ExactCapacity", "StepAdjustments": [{"MetricIntervalUpperBound": 0, "ScalingAdjustment": 2}]})["PolicyARN"]
    cloudwatch.put_metric_alarm(
        AlarmName=idle, Namespace="AWS/SageMaker", MetricName="ApproximateBacklogSize",
        Dimensions=[{"Name": "EndpointName", "Value": endpoint}], Statistic="Maximum", Period=60, EvaluationPeriods=1,
        Threshold=0, ComparisonOperator="LessThanOrEqualToThreshold", AlarmActions=[exact_two])

    def min_max_failure():
        activities = autoscaling.describe_scaling_activities(ServiceNamespace="sagemaker", ResourceId=resource)["ScalingActivities"]
        return [a for a in activities if a["StatusCode"] == "Failed" and "MinCapacity" in a.get("StatusMessage", "")]
    failure = eventually(min_max_failure, 20, "a Failed activity for MinCapacity > MaxCapacity")[0]
    check(failure["StatusMessage"] == "The scalable target's MinCapacity (3) is greater than its MaxCapacity (1): fix it with RegisterScalableTarget.",
          f"the activity says what to fix ({failure['StatusMessage']})")
    check(variant(sagemaker, endpoint) == ("InService", 1, 1), "the capacity is left alone")
    cloudwatch.delete_alarms(AlarmNames=[idle])

    with open(LOG) as log:
        text = log.read()
    for expected in [f"action {missing}: no step scaling policy", f"action {ghost_policy}: resource {ghost} is not a variant",
                     f"{resource}: The scalable target's MinCapacity (3) is greater than its MaxCapacity (1)"]:
        check(expected in text, f"the runtime's log reports it: {expected}")
    check(text.count(f"action {missing}: no step scaling policy") == 1, "each problem is logged once, not every minute")
    s3.put_object(Bucket=bucket, Key="input/after.txt", Body=b"still here")
    answer = client("sagemaker-runtime").invoke_endpoint_async(EndpointName=endpoint, InputLocation=f"s3://{bucket}/input/after.txt")
    key = answer["OutputLocation"].split(f"s3://{bucket}/", 1)[1]

    def written():
        try:
            body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
            return body.startswith(b"scaling-model|") and body.endswith(b"|still here")
        except botocore.exceptions.ClientError:
            return False
    eventually(written, 20, f"the runtime still serves requests after the bad configuration ({answer['OutputLocation']})")

    autoscaling.deregister_scalable_target(ServiceNamespace="sagemaker", ResourceId=resource, ScalableDimension=DIMENSION)
    autoscaling.deregister_scalable_target(ServiceNamespace="sagemaker", ResourceId=ghost, ScalableDimension=DIMENSION)
    sagemaker.delete_endpoint(EndpointName=endpoint)
    print("scaling checks passed")


if __name__ == "__main__":
    main()
