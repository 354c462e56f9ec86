/// One parsed XML element: its name, namespace, attributes, child elements and text. (Not
/// `XMLElement`: Foundation on Apple platforms has a class of that name.)
///
/// Mixed content is not kept apart: `text` is all character data directly inside the element
/// (CDATA included, entities decoded). AWS documents never interleave text and elements, and
/// whitespace between child elements is layout, so readers look at `text` only for leaves.
struct XMLTreeElement: Sendable, Equatable {
    /// The name as written, possibly with a prefix (`s3:Bucket`).
    var name: String
    /// The namespace URI the prefix (or the default namespace) resolves to.
    var namespaceURI: String?
    /// Attributes in document order, names as written (namespace declarations included).
    var attributes: [XMLAttribute]
    /// Child elements in document order.
    var children: [XMLTreeElement]
    /// Character data directly inside this element.
    var text: String

    init(name: String, namespaceURI: String? = nil, attributes: [XMLAttribute] = [], children: [XMLTreeElement] = [], text: String = "") {
        self.name = name
        self.namespaceURI = namespaceURI
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    /// The name without its prefix.
    var localName: Substring {
        guard let colon = name.firstIndex(of: ":") else { return Substring(name) }
        return name[name.index(after: colon)...]
    }

    /// The first child with this local name.
    func child(_ localName: String) -> XMLTreeElement? {
        children.first { $0.localName == localName }
    }

    /// Every child with this local name, in order.
    func children(named localName: String) -> [XMLTreeElement] {
        children.filter { $0.localName == localName }
    }

    /// The value of the attribute with this name (as written, or by local name when unprefixed
    /// look-up fails).
    func attribute(_ name: String) -> String? {
        if let exact = attributes.first(where: { $0.name == name }) { return exact.value }
        return attributes.first { $0.localName == Substring(name) && !$0.name.hasPrefix("xmlns") }?.value
    }
}

/// One attribute of an element.
struct XMLAttribute: Sendable, Equatable {
    var name: String
    var value: String

    init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    var localName: Substring {
        guard let colon = name.firstIndex(of: ":") else { return Substring(name) }
        return name[name.index(after: colon)...]
    }
}
