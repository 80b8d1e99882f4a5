import { createRoot } from "react-dom/client";
import { App } from "./App";
import { ApiProvider } from "./api/ApiContext";
import { createClient } from "./api/client";
import { I18nProvider } from "./i18n/I18n";
import { PlaceBoundary } from "./components/PlaceBoundary";
import "./styles.css";

const { api, transport } = createClient();
createRoot(document.getElementById("root")!).render(
  <ApiProvider api={api}>
    <I18nProvider>
      <PlaceBoundary place="app">
        <App transport={transport} />
      </PlaceBoundary>
    </I18nProvider>
  </ApiProvider>,
);
