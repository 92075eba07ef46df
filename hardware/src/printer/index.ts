/**
 * Ticket printing (`@dawr/hardware/printer`), for the kiosk's server side. Plain Node (no $env/$app imports),
 * so tests and benches use it too; the kiosk passes its settings in (see PrinterConfig and parsePrinterTarget).
 * The lower-level parts (status bytes, fonts, layout helpers) are exported for the tests that check them.
 */
export { createPrinterService, DEFAULT_TIMEOUTS, PrinterService } from './printer-service';
export type { PrintFailure, PrintResult, PrinterConfig, PrinterTimeouts, StatusResult } from './printer-service';
export { parsePrinterTarget } from './transports';
export type { TransportConfig } from './transports';
export { decodeStatus, dleEot, isStatusByte, problemOf, StatusReader, type PrinterStatus } from './status';
export { clearRealtimeSequences, renderQrBitmap, renderTicket, renderTicketPng, type MonoBitmap } from './render';
export { encodeTicket } from './encode';
export { ensureScriptFont, ensureTicketFonts, SCRIPT_FAMILY, scriptFamily, scriptFontFiles } from './fonts';
export { fontOf, formatIssuedAt, secondLangOf, type DrawItem, type PaperWidth, type TicketPrintout } from './ticket-layout';
