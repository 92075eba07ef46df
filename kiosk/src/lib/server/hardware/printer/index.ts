/**
 * Ticket printing, for the kiosk's server side. Plain Node (no $env/$app imports), so tests import it by
 * path; the kiosk passes its settings in (see PrinterConfig and parsePrinterTarget).
 */
export { createPrinterService, DEFAULT_TIMEOUTS, PrinterService } from './printer-service';
export type { PrintFailure, PrintResult, PrinterConfig, PrinterTimeouts, StatusResult } from './printer-service';
export { parsePrinterTarget } from './transports';
export type { TransportConfig } from './transports';
export type { PrinterStatus } from './status';
export { renderTicket, renderTicketPng } from './render';
export { encodeTicket } from './encode';
export type { PaperWidth, TicketPrintout } from './ticket-layout';
