import Importers

typealias ImportErrorAlias = Importers.ImportError
