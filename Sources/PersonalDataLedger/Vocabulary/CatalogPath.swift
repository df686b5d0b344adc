/// Where an entry of a catalog stands, as ``CatalogError/path`` names it: keys joined by dots
/// (`systems.crm.label`), a key that is not a plain word in brackets (`systems["webshop.orders"]`),
/// an element of a list by its index (`retention.clocks[0]`), and a term of a set by the term
/// itself (`allowedCategories[email]`), since sets have no order.
///
/// The JSON reader and ``Catalog/validate()`` build paths the same way, so a rule checked on the
/// catalog value is reported at the line and column of the entry in the file.
struct CatalogPath: Hashable, Sendable, CustomStringConvertible {
    private(set) var description: String

    /// The whole document.
    static let root = CatalogPath(description: "")

    private init(description: String) { self.description = description }

    /// The entry under `key` of an object.
    func key(_ key: String) -> CatalogPath {
        let plain =
            !key.isEmpty
            && key.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
                    || $0 == "-"
            }
        if plain { return CatalogPath(description: description.isEmpty ? key : description + "." + key) }
        let quoted = key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return CatalogPath(description: description + "[\"" + quoted + "\"]")
    }

    /// The element at `index` of a list.
    func index(_ index: Int) -> CatalogPath { CatalogPath(description: description + "[\(index)]") }

    /// The element `term` of a set of terms.
    func term(_ term: String) -> CatalogPath { CatalogPath(description: description + "[" + term + "]") }
}

extension String {
    /// The text with every `target` replaced by `replacement` (FoundationEssentials has no
    /// `replacingOccurrences` on every platform).
    fileprivate func replacingOccurrences(of target: Character, with replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }

    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        replacingOccurrences(of: Character(target), with: replacement)
    }
}
