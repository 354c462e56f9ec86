@testable import AyameCore
import Testing

@Suite("Rules standard library")
struct StandardFunctionTests {
    @Test("substring counts from the start, or from the end with reverse")
    func substring() {
        #expect(RulesLibrary.substring("abcdefg", start: 0, stop: 3, reverse: false) == "abc")
        #expect(RulesLibrary.substring("abcdefg", start: 1, stop: 4, reverse: false) == "bcd")
        #expect(RulesLibrary.substring("abcdefg", start: 0, stop: 3, reverse: true) == "efg")
        #expect(RulesLibrary.substring("bucket--x-s3", start: 0, stop: 6, reverse: true) == "--x-s3")
        #expect(RulesLibrary.substring("abc", start: 0, stop: 3, reverse: true) == "abc")
    }

    @Test("substring is unset for bad bounds and non-ASCII input")
    func substringUnset() {
        #expect(RulesLibrary.substring("abc", start: 0, stop: 4, reverse: false) == nil)
        #expect(RulesLibrary.substring("abc", start: 2, stop: 2, reverse: false) == nil)
        #expect(RulesLibrary.substring("abc", start: 2, stop: 1, reverse: true) == nil)
        #expect(RulesLibrary.substring("", start: 0, stop: 1, reverse: false) == nil)
        #expect(RulesLibrary.substring("a🐱bcd", start: 0, stop: 2, reverse: false) == nil)
    }

    @Test("uriEncode escapes everything but unreserved characters, in upper-case hex")
    func uriEncode() {
        #expect(RulesLibrary.uriEncode("abcXYZ019-_.~") == "abcXYZ019-_.~")
        #expect(RulesLibrary.uriEncode("/:,?#[]{}|@! $&'()*+;=%<>\"^`\\")
            == "%2F%3A%2C%3F%23%5B%5D%7B%7D%7C%40%21%20%24%26%27%28%29%2A%2B%3B%3D%25%3C%3E%22%5E%60%5C")
        #expect(RulesLibrary.uriEncode("é🐱") == "%C3%A9%F0%9F%90%B1")
        #expect(RulesLibrary.uriEncode("") == "")
    }

    @Test("parseURL splits scheme, authority and paths")
    func parseURL() throws {
        let url = try #require(RulesLibrary.parseURL("https://example.com:8443/foo/bar"))
        #expect(url == [
            "scheme": "https", "authority": "example.com:8443", "path": "/foo/bar",
            "normalizedPath": "/foo/bar/", "isIp": false,
        ])
        let bare = try #require(RulesLibrary.parseURL("http://example.com"))
        #expect(bare["path"] == "" && bare["normalizedPath"] == "/")
        let trailing = try #require(RulesLibrary.parseURL("https://example.com/a/"))
        #expect(trailing["path"] == "/a/" && trailing["normalizedPath"] == "/a/")
    }

    @Test("parseURL recognises IPv4 and IPv6 hosts")
    func parseURLIsIp() throws {
        let v4 = try #require(RulesLibrary.parseURL("http://127.0.0.1:5000"))
        #expect(v4["isIp"] == true && v4["authority"] == "127.0.0.1:5000")
        let v6 = try #require(RulesLibrary.parseURL("https://[fe80::1]:443/path"))
        #expect(v6["isIp"] == true && v6["authority"] == "[fe80::1]:443" && v6["path"] == "/path")
        #expect(RulesLibrary.parseURL("https://[::1]")?["isIp"] == true)
        #expect(RulesLibrary.parseURL("https://1.2.3.4.example.com")?["isIp"] == false)
        #expect(RulesLibrary.parseURL("https://999.1.1.1")?["isIp"] == false)
    }

    @Test("parseURL rejects other schemes, queries, fragments and bad ports", arguments: [
        "ftp://example.com", "example.com", "https://example.com?x=1", "https://example.com/p?x",
        "https://example.com#frag", "https://", "https://example.com:port", "https://example.com:99999",
        "https://[fe80::1", "https://:80",
    ])
    func parseURLUnset(_ input: String) {
        #expect(RulesLibrary.parseURL(input) == nil)
    }

    @Test("isValidHostLabel follows RFC 1123 labels")
    func isValidHostLabel() {
        #expect(RulesLibrary.isValidHostLabel("us-east-1", allowSubDomains: false))
        #expect(RulesLibrary.isValidHostLabel("A1", allowSubDomains: false))
        #expect(RulesLibrary.isValidHostLabel(String(repeating: "a", count: 63), allowSubDomains: false))
        #expect(!RulesLibrary.isValidHostLabel(String(repeating: "a", count: 64), allowSubDomains: false))
        #expect(!RulesLibrary.isValidHostLabel("", allowSubDomains: false))
        #expect(!RulesLibrary.isValidHostLabel("-abc", allowSubDomains: false))
        #expect(!RulesLibrary.isValidHostLabel("a b", allowSubDomains: false))
        #expect(!RulesLibrary.isValidHostLabel("a.b", allowSubDomains: false))
    }

    @Test("isValidHostLabel with allowSubDomains checks every dotted label")
    func isValidHostLabelSubDomains() {
        #expect(RulesLibrary.isValidHostLabel("a.b.c", allowSubDomains: true))
        #expect(RulesLibrary.isValidHostLabel("abc", allowSubDomains: true))
        #expect(!RulesLibrary.isValidHostLabel("a..b", allowSubDomains: true))
        #expect(!RulesLibrary.isValidHostLabel("a.", allowSubDomains: true))
        #expect(!RulesLibrary.isValidHostLabel(".a", allowSubDomains: true))
        #expect(!RulesLibrary.isValidHostLabel("a.-b", allowSubDomains: true))
        #expect(RulesLibrary.isValidHostLabel(String(repeating: "a", count: 63) + ".b", allowSubDomains: true))
    }
}
