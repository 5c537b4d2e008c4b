import QRCode from "qrcode";

/**
 * A QR code as inline SVG. Error correction M survives a scratched phone screen and keeps
 * a ticket's JWS (about 300 characters) at a size phones scan from arm's length.
 */
export const qrSvg = (text: string): Promise<string> =>
  QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
