import Foundation
import PersonalDataLedger
public import PostgresNIO

/// Where a PostgreSQL ledger lives, read from a store URL:
/// `postgres://USER:PASSWORD@HOST:PORT/DATABASE[?schema=NAME][&sslmode=disable|prefer|require]`.
///
/// The port defaults to 5432, the database to the user's name (as `psql` does), the schema to
/// `pdl`, and `sslmode` to `prefer`. The password may be left out of the URL and given in
/// `PGPASSWORD` instead, which keeps it out of the process list. ``description`` never shows the
/// password.
public struct PostgresStoreLocation: Sendable, CustomStringConvertible {
    /// How the connection uses TLS.
    public enum TLSMode: String, Sendable {
        /// Never TLS.
        case disable
        /// TLS when the server offers it.
        case prefer
        /// TLS or no connection.
        case require
    }

    /// The server's host name or address.
    public let host: String
    /// The server's port; 5432 when the URL names none.
    public let port: Int
    /// The PostgreSQL user.
    public let user: String
    /// The password, from the URL or the fallback given to ``init(_:password:)``. Never in a message.
    public let password: String?
    /// The database; the user's name when the URL names none.
    public let database: String
    /// The PostgreSQL schema that holds the ledger's tables.
    public let schema: String
    public let tls: TLSMode

    /// Reads a store URL.
    ///
    /// - Parameters:
    ///   - location: a `postgres://` or `postgresql://` URL.
    ///   - password: the password to use when the URL has none (`PGPASSWORD`, say).
    /// - Throws: ``LedgerStoreError`` with code `invalidRequest` naming what is wrong; the message
    ///   never repeats the URL, which may hold a password.
    public init(_ location: String, password fallback: String? = nil) throws {
        let form =
            "postgres://USER:PASSWORD@HOST:PORT/DATABASE?schema=NAME (the password may be left out and given in PGPASSWORD)"
        guard let components = URLComponents(string: location),
            let scheme = components.scheme?.lowercased(), ["postgres", "postgresql"].contains(scheme)
        else {
            throw LedgerStoreError(.invalidRequest, "The store URL is not a PostgreSQL URL; write it as \(form).")
        }
        guard let host = components.host, !host.isEmpty else {
            throw LedgerStoreError(.invalidRequest, "The store URL names no host; write it as \(form).")
        }
        guard let user = components.user, !user.isEmpty else {
            throw LedgerStoreError(.invalidRequest, "The store URL names no user; write it as \(form).")
        }
        var path = components.path
        if path.hasPrefix("/") { path.removeFirst() }
        guard !path.contains("/") else {
            throw LedgerStoreError(
                .invalidRequest, "The store URL's path must be just the database's name; write it as \(form).")
        }
        var schema = "pdl"
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "schema": schema = item.value ?? ""
            case "sslmode":
                guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                    throw LedgerStoreError(
                        .invalidRequest, "The store URL's sslmode must be disable, prefer or require.")
                }
                tls = mode
            default:
                let name =
                    item.name.count <= 24 && item.name.allSatisfy { $0.isLetter || $0 == "_" } ? " '\(item.name)'" : ""
                throw LedgerStoreError(
                    .invalidRequest, "The store URL has an unknown parameter\(name); it takes schema and sslmode.")
            }
        }
        self.host = host
        self.port = components.port ?? 5432
        self.user = user
        self.password = components.password ?? fallback
        self.database = path.isEmpty ? user : path
        self.schema = schema
        self.tls = tls
    }

    /// The URL without the password: `postgres://USER@HOST:PORT/DATABASE?schema=NAME`.
    public var description: String {
        var components = URLComponents()
        components.scheme = "postgres"
        components.user = user
        components.host = host
        components.port = port
        components.path = "/" + database
        components.queryItems = [URLQueryItem(name: "schema", value: schema)]
        if tls != .prefer { components.queryItems?.append(URLQueryItem(name: "sslmode", value: tls.rawValue)) }
        return components.string ?? "postgres://\(host):\(port)/\(database)"
    }

    /// The configuration of a `PostgresClient` for this location.
    public var clientConfiguration: PostgresClient.Configuration {
        let mode: PostgresClient.Configuration.TLS =
            switch tls {
            case .disable: .disable
            case .prefer: .prefer(.makeClientConfiguration())
            case .require: .require(.makeClientConfiguration())
            }
        return PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: mode)
    }

    /// The configuration of a single `PostgresConnection` for this location.
    public func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let mode: PostgresConnection.Configuration.TLS
        do {
            mode =
                switch tls {
                case .disable: .disable
                case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
                case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
                }
        } catch {
            throw LedgerStoreError(
                .io, "Cannot set up TLS for the connection to PostgreSQL; try sslmode=disable on a trusted network.")
        }
        return PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: mode)
    }

    /// `location` without the password its URL may hold, and that password; `location` as it is
    /// when it is not a URL with a password.
    public static func separatingPassword(_ location: String) -> (location: String, password: String?) {
        guard var components = URLComponents(string: location), let password = components.password else {
            return (location, nil)
        }
        components.password = nil
        guard let stripped = components.string else { return (location, nil) }
        return (stripped, password)
    }
}
