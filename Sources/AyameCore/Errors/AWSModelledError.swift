/// An error shape a service model declares (SageMaker Runtime's `ModelError`, S3's `NoSuchKey`):
/// a generated structure with the error's members, read from an ``AWSServiceError`` with
/// ``AWSServiceError/modelled(as:)``.
public protocol AWSModelledError: AWSShape {
    /// The error code the service sends for this shape (the model's `error.code`, or the shape's
    /// name).
    static var errorCode: String { get }
}

extension AWSServiceError {
    /// The error as the model's typed error shape, when the service sent that shape's code:
    ///
    /// ```swift
    /// } catch .service(let error) {
    ///     if let modelError = error.modelled(as: SageMakerRuntime.ModelError.self) {
    ///         print(modelError.originalStatusCode ?? 0, modelError.logStreamArn ?? "-")
    ///     }
    /// }
    /// ```
    ///
    /// Nil when the code is another one, or when the body did not hold the shape's members in the
    /// protocol's form (a proxy's page, a truncated body); ``code``, ``message`` and
    /// ``requestID`` are there either way.
    public func modelled<ModelledError: AWSModelledError>(as type: ModelledError.Type) -> ModelledError? {
        guard code == ModelledError.errorCode, let modelledMembers else { return nil }
        return try? ModelledError(shapeValue: modelledMembers)
    }

    /// This error with the members of its modelled error shape decoded from `response`, when
    /// `service` declares a shape for ``code``. Members that fail to decode leave the error as it
    /// was: the code and message matter more than the extras.
    ///
    /// The shape's message member gets ``message`` when the body spelled it differently: models
    /// say `message` where services send `Message` (STS, SNS), and the error decoder already
    /// accepts either.
    func withModelledMembers(
        from response: ReceivedResponse, codec: any ProtocolCodec, service: ServiceDescriptor
    ) -> AWSServiceError {
        guard let schema = service.errorShapes[code]?(),
              case .structure(var members)? = try? codec.decodeErrorMembers(response, schema: schema, service: service)
        else { return self }
        if let message, let member = schema.members.first(where: { $0.name.lowercased() == "message" }),
           member.target.kind == .string, members[member.name] == nil {
            members[member.name] = .string(message)
        }
        var error = self
        error.modelledMembers = .structure(members)
        return error
    }
}

extension AyameError {
    /// The service error as the model's typed error shape, or nil when this is not a service error
    /// with that shape's code. See ``AWSServiceError/modelled(as:)``.
    public func modelled<ModelledError: AWSModelledError>(as type: ModelledError.Type) -> ModelledError? {
        guard case .service(let error) = self else { return nil }
        return error.modelled(as: type)
    }
}
