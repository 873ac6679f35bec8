import Foundation
import Hummingbird
import TitleholdResources

/// `GET /openapi.yaml`: the OpenAPI 3.1 description of every endpoint, open to all (it holds no
/// data), read from `Resources/openapi/openapi.yaml`. The file is JSON-compatible YAML (YAML 1.2
/// is a superset of JSON), so any YAML or JSON reader takes it.
enum OpenAPIDocument {
    static let resource = "openapi/openapi.yaml"

    static func register(on router: Router<ServerContext>) {
        router.get("/openapi.yaml") { _, _ in
            let url = ResourceLocator.url(resource)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw HTTPError(.internalServerError, message: "cannot read \(url.path); set TITLEHOLD_RESOURCES to the Resources folder")
            }
            return APIRequest.text(text, contentType: "application/yaml; charset=utf-8")
        }
    }
}
