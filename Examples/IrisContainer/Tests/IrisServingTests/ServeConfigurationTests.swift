import Foundation
import IrisServing
import Testing

@Suite struct ServeConfigurationTests {
    @Test func defaultsAreTheContainerContract() throws {
        let configuration = try ServeConfiguration.resolve(environment: [:])
        #expect(configuration == ServeConfiguration(host: "0.0.0.0", port: 8080, modelDirectory: URL(fileURLWithPath: "/opt/ml/model", isDirectory: true)))
    }

    @Test func sageMakersPortWinsOverPort() throws {
        let environment = ["SAGEMAKER_BIND_TO_PORT": "9001", "PORT": "9002"]
        #expect(try ServeConfiguration.resolve(environment: environment).port == 9001)
        #expect(try ServeConfiguration.resolve(environment: ["PORT": "9002"]).port == 9002)
        #expect(try ServeConfiguration.resolve(port: 9003, environment: environment).port == 9003)
    }

    @Test func anEmptyVariableCountsAsUnset() throws {
        let configuration = try ServeConfiguration.resolve(environment: ["SAGEMAKER_BIND_TO_PORT": "", "PORT": "9002", "SM_MODEL_DIR": ""])
        #expect(configuration.port == 9002)
        #expect(configuration.modelDirectory.path == "/opt/ml/model")
    }

    @Test func modelDirectoryComesFromSMModelDir() throws {
        #expect(try ServeConfiguration.resolve(environment: ["SM_MODEL_DIR": "/models/iris"]).modelDirectory.path == "/models/iris")
        #expect(try ServeConfiguration.resolve(modelDirectory: "/elsewhere", environment: ["SM_MODEL_DIR": "/models/iris"]).modelDirectory.path == "/elsewhere")
    }

    @Test(arguments: ["abc", "0", "70000", "-1"])
    func rejectsAPortThatIsNotOne(value: String) {
        let error = #expect(throws: ServeConfigurationError.self) {
            try ServeConfiguration.resolve(environment: ["SAGEMAKER_BIND_TO_PORT": value])
        }
        #expect(error?.description.contains("SAGEMAKER_BIND_TO_PORT") == true)
    }
}
