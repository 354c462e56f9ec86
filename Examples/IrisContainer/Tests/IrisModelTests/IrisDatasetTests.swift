import Foundation
import IrisModel
import Testing

@Suite struct IrisDatasetTests {
    @Test func readsTheCommittedFile() throws {
        let dataset = try IrisDataset(contentsOf: PackageFiles.irisCSV)
        #expect(dataset.classNames == ["setosa", "versicolor", "virginica"])
        #expect(dataset.rows.count == 150)
        #expect(dataset.rows[0] == .init(measurements: [5.1, 3.5, 1.4, 0.2], classIndex: 0))
        #expect(dataset.rows[0].petalFeatures == [1.4, 0.2])
        for classIndex in 0..<3 {
            #expect(dataset.rows.filter { $0.classIndex == classIndex }.count == 50)
        }
    }

    @Test func rejectsATruncatedFile() {
        let error = #expect(throws: IrisDatasetError.self) {
            try IrisDataset(csv: "3,4,a,b\n1,2,3,4,0\n1,2,3,4,1\n")
        }
        #expect(error?.description.contains("declares 3 rows but the file has 2") == true)
    }

    @Test func namesTheLineOfABadMeasurement() {
        let error = #expect(throws: IrisDatasetError.self) {
            try IrisDataset(csv: "2,4,a,b\n1,2,3,4,0\n1,x,3,4,1\n")
        }
        #expect(error?.description.hasPrefix("line 3") == true)
    }

    @Test func rejectsAClassIndexOutsideTheHeader() {
        #expect(throws: IrisDatasetError.self) {
            try IrisDataset(csv: "1,4,a,b\n1,2,3,4,2\n")
        }
    }
}
