#!/usr/bin/env python3
"""Measures how long generated shape code takes to compile, in several candidate forms.

Not part of the build. It writes a scratch package (default /tmp/ayame-shapes-bench) that
depends on this package by path, fills its one target with synthetic generated shapes
(structures x members, nested and recursive references, enums, lists, maps, timestamps) in each
form, and times a debug `swift build` of that target alone: one untimed warm-up, then
`--runs` rebuilds after rewriting only the structure files. The results informed
Documentation/GeneratedCode.md.

    python3 scripts/experiments/generated-shapes-compile-time.py [--structs 300] [--variants a,b]
"""
import argparse
import os
import pathlib
import resource
import shutil
import subprocess
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]

# (Swift name, model name, Swift type, schema expression, kind)
def members_for(i):
    # Chains of at most five nested structures, as in real models: a 300-deep chain of inline
    # value types makes the synthesized form take gigabytes of compiler memory.
    child = f"Shape{i - 1}" if i % 5 else None
    enum = f"Enum{i % 30}"
    members = [
        ("name", "Name", "String", f"Schemas.string{i % 50}", "required"),
        ("count", "Count", "Int", f"Schemas.int{i % 20}", "optional"),
        ("enabled", "Enabled", "Bool", "ShapeSchema.Simple.boolean", "optional"),
        ("ratio", "Ratio", "Double", "ShapeSchema.Simple.double", "optional"),
        ("createdAt", "CreatedAt", "Date", "ShapeSchema.Simple.timestamp", "optional"),
        ("labels", "Labels", "[String]", "Schemas.stringList", "optional"),
        ("attributes", "Attributes", "[String: String]", "Schemas.stringMap", "optional"),
        ("status", "Status", enum, f"{enum}.schema", "optional"),
    ]
    if child:
        members.append(("child", "Child", child, f"{child}.schema", "optional"))
        members.append(("children", "Children", f"[{child}]", f"Shape{i}.childrenSchema", "optional"))
    else:
        members.append(("note", "Note", "String", "ShapeSchema.Simple.string", "optional"))
        members.append(("size", "Size", "Int", "ShapeSchema.Simple.long", "optional"))
    return members


def schemas_file():
    lines = ["import AyameCore", "", "enum Schemas {"]
    for n in range(50):
        lines.append(f'    static let string{n}: ShapeSchema = ShapeSchema(name: "String{n}", kind: .string, '
                     f'traits: ShapeTraits(min: 1, max: {n + 10}, pattern: "^[a-z]{n}*$"))')
    for n in range(20):
        lines.append(f'    static let int{n}: ShapeSchema = ShapeSchema(name: "Int{n}", kind: .integer, traits: ShapeTraits(min: 0, max: {n + 100}))')
    lines.append('    static let stringList: ShapeSchema = ShapeSchema(name: "StringList", kind: .list, '
                 'listMember: MemberSchema("member", target: { ShapeSchema.Simple.string }))')
    lines.append('    static let stringMap: ShapeSchema = ShapeSchema(name: "StringMap", kind: .map, '
                 'mapKey: MemberSchema("key", target: { ShapeSchema.Simple.string }), '
                 'mapValue: MemberSchema("value", target: { ShapeSchema.Simple.string }))')
    lines.append("}")
    return "\n".join(lines) + "\n"


def enums_file(variant):
    out = ["import AyameCore", ""]
    for e in range(30):
        values = [f"Value{e}x{v}" for v in range(6)]
        enum_list = ", ".join(f'"{v}"' for v in values)
        if variant.startswith("naive"):
            out.append(f"public enum Enum{e}: String, Codable, Hashable, Sendable {{")
            for v in values:
                out.append(f'    case {v[0].lower() + v[1:]} = "{v}"')
            if variant == "naive-schema":
                out.append(f'    public static let schema: ShapeSchema = ShapeSchema(name: "Enum{e}", kind: .string, '
                           f'traits: ShapeTraits(enumValues: [{enum_list}]))')
            out.append("}")
            continue
        out.append(f"public struct Enum{e}: AWSStringEnum {{")
        out.append("    public let rawValue: String")
        out.append("    public init(rawValue: String) { self.rawValue = rawValue }")
        for v in values:
            out.append(f'    public static let {v[0].lower() + v[1:]} = Self(rawValue: "{v}")')
        known = ", ".join("." + v[0].lower() + v[1:] for v in values)
        out.append(f"    public static let allKnownValues: [Self] = [{known}]")
        enum_list = ", ".join(f'"{v}"' for v in values)
        out.append(f'    public static let schema: ShapeSchema = ShapeSchema(name: "Enum{e}", kind: .string, '
                   f'traits: ShapeTraits(enumValues: [{enum_list}]))')
        out.append("}")
    return "\n".join(out) + "\n"


def struct(i, variant):
    members = members_for(i)
    out = []
    if variant.startswith("naive"):
        out.append(f"public struct Shape{i}: Codable, Hashable, Sendable {{")
    elif variant == "schema-only":
        out.append(f"public struct Shape{i}: Sendable {{")
    else:
        out.append(f"public struct Shape{i}: AWSShape {{")
    for swift, _, typ, _, req in members:
        opt = "" if req == "required" else "?"
        out.append(f"    public var {swift}: {typ}{opt}")
    params = ", ".join(f"{s}: {t}" + ("" if r == "required" else "? = nil") for s, _, t, _, r in members)
    out.append(f"    public init({params}) {{")
    for swift, *_ in members:
        out.append(f"        self.{swift} = {swift}")
    out.append("    }")
    if variant.startswith("naive"):
        out.append("    enum CodingKeys: String, CodingKey {")
        for swift, model, *_ in members:
            out.append(f'        case {swift} = "{model}"')
        out.append("    }")
        if variant == "naive":
            out.append("}")
            return "\n".join(out)
    out.append(f'    public static let schema: ShapeSchema = ShapeSchema(name: "Shape{i}", kind: .structure, members: [')
    for swift, model, typ, schema, req in members:
        extra = ", isRequired: true" if req == "required" else ""
        out.append(f'        MemberSchema("{model}", target: {{ {schema} }}{extra}),')
    out.append("    ])")
    if i % 5:
        out.append(f'    static let childrenSchema: ShapeSchema = ShapeSchema(name: "Shape{i}List", kind: .list, '
                   f'listMember: MemberSchema("member", target: {{ Shape{i - 1}.schema }}))')
    if variant in ("naive-schema", "schema-only"):
        out.append("}")
        return "\n".join(out)
    out.append("    public init(shapeValue: ShapeValue) throws(AyameError) {")
    out.append("        let r = try StructureReader(shapeValue)")
    for swift, model, typ, _, req in members:
        out.append(f'        self.{swift} = try r.{req}("{model}")')
    out.append("    }")
    out.append("    public var shapeValue: ShapeValue {")
    if variant == "dictionary":
        out.append("        var m: [String: ShapeValue] = [:]")
        for swift, model, typ, _, req in members:
            access = "" if req == "required" else "?"
            out.append(f'        m["{model}"] = {swift}{access}.shapeValue')
        out.append("        return .structure(m)")
    else:
        out.append("        var w = StructureWriter()")
        for swift, model, *_ in members:
            if variant == "method":
                out.append(f'        w.set("{model}", {swift})')
            else:
                out.append(f'        w["{model}"] = {swift}')
        out.append("        return w.value")
    out.append("    }")
    out.append("}")
    return "\n".join(out)


EXTRA = {
    "method": """import AyameCore
extension StructureWriter {
    mutating func set<Value: ShapeValueConvertible>(_ name: String, _ value: Value?) { self[name] = value }
}
""",
    "overloads": """import AyameCore
import Foundation
extension StructureReader {
    func required(_ name: String) throws(AyameError) -> String { try required(name) as String }
    func required(_ name: String) throws(AyameError) -> Int { try required(name) as Int }
    func optional(_ name: String) throws(AyameError) -> String? { try optional(name) as String? }
    func optional(_ name: String) throws(AyameError) -> Int? { try optional(name) as Int? }
    func optional(_ name: String) throws(AyameError) -> Bool? { try optional(name) as Bool? }
    func optional(_ name: String) throws(AyameError) -> Double? { try optional(name) as Double? }
    func optional(_ name: String) throws(AyameError) -> Date? { try optional(name) as Date? }
    func optional(_ name: String) throws(AyameError) -> [String]? { try optional(name) as [String]? }
}
""",
}


def write_package(root, variant, structs, files):
    src = root / "Sources" / "Scratch"
    if src.exists():
        shutil.rmtree(src)
    src.mkdir(parents=True)
    (root / "Package.swift").write_text(f"""// swift-tools-version: 6.0
import PackageDescription
let package = Package(
    name: "Scratch",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "{ROOT}")],
    targets: [.target(name: "Scratch", dependencies: [.product(name: "AyameCore", package: "{ROOT.name}")])],
    swiftLanguageModes: [.v6]
)
""")
    if variant != "naive":
        (src / "Schemas.swift").write_text(schemas_file())
    (src / "Enums.swift").write_text(enums_file(variant))
    if variant in EXTRA:
        (src / "Extra.swift").write_text(EXTRA[variant])
    write_shapes(root, variant, structs, files, "warm-up")


def write_shapes(root, variant, structs, files, salt):
    """Rewrites only the structure files, so a timed build does not reload the manifest."""
    src = root / "Sources" / "Scratch"
    per_file = (structs + files - 1) // files
    for f in range(files):
        body = [f"// {salt}", "import AyameCore", "import Foundation", ""]
        for i in range(f * per_file, min(structs, (f + 1) * per_file)):
            body.append(struct(i, "subscript" if variant == "overloads" else variant))
            body.append("")
        (src / f"Shapes{f}.swift").write_text("\n".join(body))


def build(root):
    """Wall-clock and CPU seconds (user + system of every compiler process) of one build; CPU
    time is the figure to compare when other work shares the machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    subprocess.run(["swift", "build", "--target", "Scratch"], cwd=root, check=True,
                   stdout=subprocess.DEVNULL)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default="/tmp/ayame-shapes-bench")
    parser.add_argument("--structs", type=int, default=300)
    parser.add_argument("--files", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--variants", default="naive,naive-schema,schema-only,method,subscript,dictionary")
    args = parser.parse_args()
    root = pathlib.Path(args.root)
    root.mkdir(parents=True, exist_ok=True)
    for variant in args.variants.split(","):
        write_package(root, variant, args.structs, args.files)
        build(root)
        times = []
        for run in range(args.runs):
            write_shapes(root, variant, args.structs, args.files, f"{variant} {run}")
            times.append(build(root))
        walls = sorted(t[0] for t in times)
        cpus = sorted(t[1] for t in times)
        print(f"{variant:12} cpu min {cpus[0]:5.1f}s median {cpus[len(cpus) // 2]:5.1f}s | "
              f"wall min {walls[0]:5.1f}s median {walls[len(walls) // 2]:5.1f}s", flush=True)


if __name__ == "__main__":
    main()
