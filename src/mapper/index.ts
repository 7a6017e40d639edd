// The mapper-authoring API, on its own entry ('sluice/mapper'): what a mapper module needs and
// nothing that runs a pipeline. Worker threads load the user's mapper; importing it from here
// instead of 'sluice' spares each of them rxjs, the metrics and the adapters (150–176 ms of
// start-up in a fresh worker thread measured here, against 20–22 ms).

export { defineMapper } from './mapper.js';
export type { Mapper, MapContext, CellInput, RowInput } from './mapper.js';
export { defineRecordStage, SluiceStageError } from './record-stage.js';
export type { RecordStage, RecordStageContext, EmittedRow } from './record-stage.js';
export { defineMapping } from './define-mapping.js';
export type { MappingSpec, MappedColumn, MappedTable } from './define-mapping.js';
export { column } from './column.js';
export type { ColumnDef, ColumnType } from './column.js';
export type { TableDef, TableSchema, Tables } from './table.js';
export { SluiceConversionError, SluiceRecordError } from '../core/errors.js';
export { parseXml, XmlElement, XmlField, XmlSyntaxError, XmlLimitError, XmlForbiddenError, XmlEncodingError, DEFAULT_PARSE_LIMITS } from '../xml/index.js';
export type { XmlDocument, ParseLimits } from '../xml/index.js';
