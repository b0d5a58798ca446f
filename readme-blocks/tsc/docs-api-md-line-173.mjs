import { schemes } from "lgsp-paygate";

for (const s of schemes()) {
  const head = s.prefix.kind === "literal" ? s.prefix.value : "secretKey";
  console.log(`${s.id}: ${s.method} ${s.path ?? "(your returnUrl)"}: ${[head, ...s.fields].join(" + ")}`);
}
