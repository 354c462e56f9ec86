import CCurl
import Glibc

/// A request's header lines as a libcurl list (`CURLOPT_HTTPHEADER`), nodes and lines in the
/// object's own tail storage: one allocation for the whole list.
///
/// `curl_slist_append` allocates a node and a copy of the line for every header, and the line
/// itself was a Swift string first: about three allocations per header, a tenth of a small
/// call's. libcurl only reads the list, so the nodes and the lines can share one block. It is
/// built on the submitting task's thread (``RequestPreflight``), not on the engine thread, which
/// every transfer of the client shares; the transfer holds it for as long as libcurl may read it.
final class CurlHeaderList: ManagedBuffer<CurlHeaderList.Layout, UInt64> {
    /// Where the list starts in the tail storage.
    struct Layout {
        /// The first node, for `CURLOPT_HTTPHEADER`; nil when there are no lines.
        var head: UnsafeMutablePointer<curl_slist>?
    }

    /// The first node, for `CURLOPT_HTTPHEADER`; nil when there are no lines. Valid while this
    /// object lives.
    var head: UnsafeMutablePointer<curl_slist>? { header.head }

    /// Lays out `fields` as `Name: value` lines (`Name;` for an empty value, curl's spelling of
    /// it), then `Name:` for each of `suppressed`, which removes a header curl would add itself.
    static func make(_ fields: HTTPHeaders, suppressing suppressed: [StaticString]) -> CurlHeaderList {
        var textBytes = 0
        for field in fields {
            textBytes += field.name.utf8.count + (field.value.isEmpty ? 2 : field.value.utf8.count + 3)
        }
        for name in suppressed { textBytes += name.utf8CodeUnitCount + 2 }
        let count = fields.count + suppressed.count
        let nodesBytes = count * MemoryLayout<curl_slist>.stride
        let words = (nodesBytes + textBytes + 7) / 8
        let buffer = create(minimumCapacity: max(words, 1)) { buffer in
            guard count > 0 else { return Layout(head: nil) }
            return buffer.withUnsafeMutablePointerToElements { elements in
                Layout(head: fill(UnsafeMutableRawPointer(elements), nodesBytes: nodesBytes, count: count, fields, suppressed))
            }
        }
        return unsafeDowncast(buffer, to: CurlHeaderList.self)
    }

    private static func fill(
        _ block: UnsafeMutableRawPointer, nodesBytes: Int, count: Int, _ fields: HTTPHeaders, _ suppressed: [StaticString]
    ) -> UnsafeMutablePointer<curl_slist> {
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
                copy(field.name, to: &cursor)
                if field.value.isEmpty {
                    copy(literal: ";", to: &cursor)
                } else {
                    copy(literal: ": ", to: &cursor)
                    copy(field.value, to: &cursor)
                }
            }
        }
        for name in suppressed {
            appendLine { cursor in
                copy(literal: name, to: &cursor)
                copy(literal: ":", to: &cursor)
            }
        }
        return nodes
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

/// Hands a ``CurlHeaderList`` from the submitting thread to the engine thread. Unchecked because
/// `ManagedBuffer` opts out of `Sendable`; the list is never written after `make` returns.
struct PreparedHeaderList: @unchecked Sendable {
    let list: CurlHeaderList
}
