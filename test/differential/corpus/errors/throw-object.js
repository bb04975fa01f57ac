// models: node node-esm browser
throw { code: 'E_CUSTOM', detail: 'plain object' };
