import Document, { Head, Html, Main, NextScript, type DocumentContext, type DocumentInitialProps } from "next/document";
import { NONCE_HEADER } from "../app/_lib/http";
import { isLocale, LOCALE_HEADER, SOURCE_LOCALE } from "../app/_lib/i18n";

interface Props extends DocumentInitialProps {
  lang: string;
  nonce: string | undefined;
}

const header = (ctx: DocumentContext, name: string) => {
  const value = ctx.req?.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * The document of the Pages Router's guest pages, which ship no JavaScript
 * (`unstable_runtimeJS: false`). The proxy chose the language and the CSP nonce for this request
 * (proxy.ts); they are read from the request it forwarded, as the App Router's layouts do.
 */
export default class GuestDocument extends Document<Props> {
  static override async getInitialProps(ctx: DocumentContext): Promise<Props> {
    const initial = await Document.getInitialProps(ctx);
    const chosen = header(ctx, LOCALE_HEADER);
    return { ...initial, lang: isLocale(chosen) ? chosen : SOURCE_LOCALE, nonce: header(ctx, NONCE_HEADER) };
  }

  override render() {
    return (
      <Html lang={this.props.lang}>
        <Head nonce={this.props.nonce} />
        <body className="min-h-screen font-sans antialiased">
          <Main />
          <NextScript nonce={this.props.nonce} />
        </body>
      </Html>
    );
  }
}
