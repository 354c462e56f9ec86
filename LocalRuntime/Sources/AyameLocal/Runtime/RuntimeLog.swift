import Foundation

/// One line per event on stderr (stdout's first line belongs to the `listening on` contract).
enum RuntimeLog {
    static func note(_ message: String) {
        FileHandle.standardError.write(Data("ayame-local: \(message)\n".utf8))
    }
}
