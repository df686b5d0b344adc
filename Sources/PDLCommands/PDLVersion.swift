/// The version of `pdl`, in one place: `pdl --version`, the help and the completion scripts read it.
public enum PDLVersion {
    /// The version `pdl --version` prints.
    public static let current = "0.2.0"
}
