import Foundation

/// Fisher's iris data in the layout scikit-learn ships (`sklearn/datasets/data/iris.csv`):
/// a header `rows,features,class names...`, then one line per flower with the four measurements
/// in cm (sepal length, sepal width, petal length, petal width) and the class index.
public struct IrisDataset: Sendable, Equatable {
    /// One flower of the data set.
    public struct Row: Sendable, Equatable {
        /// Sepal length, sepal width, petal length, petal width, in cm, in the file's order.
        public var measurements: [Double]
        /// Index into ``IrisDataset/classNames``.
        public var classIndex: Int

        /// A row with its four measurements (cm) and its class index.
        public init(measurements: [Double], classIndex: Int) {
            self.measurements = measurements
            self.classIndex = classIndex
        }

        /// Petal length and petal width (cm), the two features the container's model uses.
        public var petalFeatures: [Double] { [measurements[2], measurements[3]] }
    }

    /// Class names from the header, e.g. `["setosa", "versicolor", "virginica"]`.
    public var classNames: [String]
    /// The flowers, in file order.
    public var rows: [Row]

    /// Reads and checks a data set file; see ``init(csv:)`` for the layout.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw IrisDatasetError("cannot read \(url.path): \(error.localizedDescription); pass the iris CSV with --data")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw IrisDatasetError("\(url.path) is not UTF-8 text; pass scikit-learn's iris.csv")
        }
        try self.init(csv: text)
    }

    /// Parses the scikit-learn layout. Every line is checked, so a truncated or edited file fails
    /// with its line number instead of training on part of the data.
    public init(csv: String) throws {
        var lines = csv.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        lines.removeAll { $0.isEmpty }
        guard let header = lines.first else {
            throw IrisDatasetError("the data set is empty; expected a header line like `150,4,setosa,versicolor,virginica`")
        }
        let headerFields = header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard headerFields.count >= 3,
              let declaredRows = Int(headerFields[0]),
              let featureCount = Int(headerFields[1]), featureCount == 4
        else {
            throw IrisDatasetError("line 1 is `\(header)`; expected `<rows>,4,<class names...>` as in scikit-learn's iris.csv")
        }
        let classNames = Array(headerFields.dropFirst(2))

        var rows: [Row] = []
        for (offset, line) in lines.dropFirst().enumerated() {
            let lineNumber = offset + 2
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 5 else {
                throw IrisDatasetError("line \(lineNumber) has \(fields.count) fields; expected 4 measurements and a class index")
            }
            let measurements = fields.prefix(4).compactMap { Double($0) }.filter(\.isFinite)
            guard measurements.count == 4 else {
                throw IrisDatasetError("line \(lineNumber): a measurement is not a number (`\(line)`)")
            }
            guard let classIndex = Int(fields[4]), classNames.indices.contains(classIndex) else {
                throw IrisDatasetError("line \(lineNumber): class `\(fields[4])` is not an index into the \(classNames.count) class names of line 1")
            }
            rows.append(Row(measurements: measurements, classIndex: classIndex))
        }
        guard rows.count == declaredRows else {
            throw IrisDatasetError("line 1 declares \(declaredRows) rows but the file has \(rows.count); the file is truncated or edited")
        }
        self.classNames = classNames
        self.rows = rows
    }
}

/// A data set file that cannot be used for training; the message names the line and the fix.
public struct IrisDatasetError: Error, CustomStringConvertible {
    /// What is wrong and what to do.
    public var description: String

    init(_ description: String) { self.description = description }
}
