import { createRoot } from "react-dom/client";
import { App } from "./App";
import { ApiProvider } from "./api/ApiContext";
import { createClient } from "./api/client";
import { I18nProvider } from "./i18n/I18n";
import "./styles.css";

const { api, transport } = createClient();
createRoot(document.getElementById("root")!).render(
  <ApiProvider api={api}>
    <I18nProvider>
      <App transport={transport} />
    </I18nProvider>
  </ApiProvider>,
);
