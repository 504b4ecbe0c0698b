// The part of pdfmake 0.3's Node API the reports use (the package ships no types of its
// own, and @types/pdfmake describes 0.2).
declare module 'pdfmake' {
  interface PdfmakeFontStyles {
    normal: string;
    bold: string;
    italics: string;
    bolditalics: string;
  }
  interface PdfmakeOutput {
    getBuffer(): Promise<Buffer>;
  }
  const pdfmake: {
    setFonts(fonts: Record<string, PdfmakeFontStyles>): void;
    setUrlAccessPolicy(policy: ((url: string) => boolean) | undefined): void;
    setLocalAccessPolicy(policy: ((path: string) => boolean) | undefined): void;
    setProgressCallback(callback: ((progress: number) => void) | undefined): void;
    createPdf(doc: object): PdfmakeOutput;
  };
  export default pdfmake;
}
