import CCurl
import Glibc

/// A request's header lines as a libcurl list (`CURLOPT_HTTPHEADER`) built in one allocation.
///
/// `curl_slist_append` allocates a node and a copy of the line for every header, and the line
/// itself was a Swift string first: about three allocations per header, a tenth of a small
/// call's. libcurl only reads the list, so the nodes and the lines can share one block that the
/// transfer frees once it no longer runs.
struct CurlHeaderList {
    /// The first node, for `CURLOPT_HTTPHEADER`; nil when there are no lines.
    let head: UnsafeMutablePointer<curl_slist>?
    private let block: UnsafeMutableRawPointer?

    /// Lays out `fields` as `Name: value` lines (`Name;` for an empty value, curl's spelling of
    /// it), then `Name:` for each of `suppressed`, which removes a header curl would add itself.
    init(_ fields: HTTPHeaders, suppressing suppressed: [StaticString]) {
        var textBytes = 0
        for field in fields {
            textBytes += field.name.utf8.count + (field.value.isEmpty ? 2 : field.value.utf8.count + 3)
        }
        for name in suppressed { textBytes += name.utf8CodeUnitCount + 2 }
        let count = fields.count + suppressed.count
        guard count > 0 else {
            head = nil
            block = nil
            return
        }
        let nodesBytes = count * MemoryLayout<curl_slist>.stride
        let block = UnsafeMutableRawPointer.allocate(
            byteCount: nodesBytes + textBytes, alignment: MemoryLayout<curl_slist>.alignment)
        let nodes = block.bindMemory(to: curl_slist.self, capacity: count)
        var text = (block + nodesBytes).assumingMemoryBound(to: UInt8.self)
        var index = 0

        func appendLine(_ write: (inout UnsafeMutablePointer<UInt8>) -> Void) {
            let start = text
            write(&text)
            text.pointee = 0
            text += 1
            let next = index + 1 < count ? nodes + index + 1 : nil
            (nodes + index).initialize(to: curl_slist(data: UnsafeMutableRawPointer(start).assumingMemoryBound(to: CChar.self), next: next))
            index += 1
        }
        for field in fields {
            appendLine { cursor in
                Self.copy(field.name, to: &cursor)
                if field.value.isEmpty {
                    Self.copy(literal: ";", to: &cursor)
                } else {
                    Self.copy(literal: ": ", to: &cursor)
                    Self.copy(field.value, to: &cursor)
                }
            }
        }
        for name in suppressed {
            appendLine { cursor in
                Self.copy(literal: name, to: &cursor)
                Self.copy(literal: ":", to: &cursor)
            }
        }
        self.head = nodes
        self.block = block
    }

    /// Releases the block; the list must no longer be set on a running easy handle.
    func release() {
        block?.deallocate()
    }

    private static func copy(_ string: String, to cursor: inout UnsafeMutablePointer<UInt8>) {
        var string = string
        string.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            cursor.update(from: base, count: bytes.count)
            cursor += bytes.count
        }
    }

    private static func copy(literal bytes: StaticString, to cursor: inout UnsafeMutablePointer<UInt8>) {
        cursor.update(from: bytes.utf8Start, count: bytes.utf8CodeUnitCount)
        cursor += bytes.utf8CodeUnitCount
    }
}
