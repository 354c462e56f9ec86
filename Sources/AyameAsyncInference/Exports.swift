// The workflow's public API is spoken in these modules' types (the spec holds SageMaker and
// Application Auto Scaling shapes, the builder takes their clients, the inference client S3's,
// every error is an `AyameError`), so a program that imports `AyameAsyncInference` gets them
// all without eight imports of its own. STS comes too: a deployment needs the account id for its
// role ARN (`getCallerIdentity()`), and it is small. SNS and SQS carry the result notifications
// the inference client waits on.
@_exported import AyameApplicationAutoScaling
@_exported import AyameCloudWatch
@_exported import AyameCore
@_exported import AyameS3
@_exported import AyameSNS
@_exported import AyameSQS
@_exported import AyameSTS
@_exported import AyameSageMaker
@_exported import AyameSageMakerRuntime
