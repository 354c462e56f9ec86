"""Extracts the Swift code blocks of the project's Markdown so scripts/check-docs can compile them.

Every ```swift block is a whole program (top-level code with its own imports); a block that
imports PackageDescription is a package manifest. Writes one file per block into the output
folder, named after where the block stands, and prints `<file>\t<kind>\t<source>:<line>` lines.
"""
import pathlib
import re
import sys


def blocks(path: pathlib.Path):
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        if re.match(r"^\s*```swift\s*$", lines[i]):
            start = i + 1
            indent = len(lines[i]) - len(lines[i].lstrip())
            body = []
            i += 1
            while i < len(lines) and not re.match(r"^\s*```\s*$", lines[i]):
                body.append(lines[i][indent:] if lines[i][:indent].strip() == "" else lines[i])
                i += 1
            yield start, "\n".join(body) + "\n"
        i += 1


def main() -> None:
    root = pathlib.Path(sys.argv[1])
    out = pathlib.Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    sources = [root / "README.md", *sorted((root / "Documentation").glob("*.md")),
               *sorted(root.glob("Sources/*/*.docc/**/*.md")), *sorted(root.glob("Examples/*/README.md"))]
    count = 0
    for source in sources:
        for line, code in blocks(source):
            count += 1
            kind = "manifest" if "import PackageDescription" in code else "program"
            name = f"snippet{count:03d}.swift"
            (out / name).write_text(code, encoding="utf-8")
            print(f"{name}\t{kind}\t{source.relative_to(root)}:{line}")
    if count == 0:
        sys.exit("no Swift code blocks found: is the root right?")


if __name__ == "__main__":
    main()
