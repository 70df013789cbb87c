-- Run by test/e2e/neovim.test.mjs after the README's Neovim snippet (loaded as init) attached the server:
-- waits for the server's diagnostics, asks for the code actions of the external-oauth2 finding, and writes
-- everything as JSON to $API_EXPOSURE_LINT_NVIM_OUT before quitting. Neovim 0.7: no vim.lsp.start.
local out = os.getenv('API_EXPOSURE_LINT_NVIM_OUT')
local result = { diagnostics = {}, actions = {}, errors = {} }

local function finish()
  local file = io.open(out, 'w')
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  local buf = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[buf].filetype
  local arrived = vim.wait(60000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  if not arrived then
    table.insert(result.errors, 'no diagnostics within 60 s')
    return
  end
  -- Counted after the first diagnostics: in 0.7 a client started with start_client attaches once initialized.
  result.clients = vim.tbl_count(vim.lsp.buf_get_clients(buf))
  local oauth
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(result.diagnostics, { code = d.code, source = d.source, message = d.message, lnum = d.lnum, severity = d.severity })
    if d.code == 'external-oauth2' then oauth = d end
  end
  if not oauth then return end
  -- What vim.lsp.buf.code_action() sends in 0.7: the line's diagnostics converted back to LSP.
  local lsp_diagnostic
  for _, d in ipairs(vim.lsp.diagnostic.get_line_diagnostics(buf, oauth.lnum)) do
    if d.code == 'external-oauth2' then lsp_diagnostic = d end
  end
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    range = lsp_diagnostic.range,
    context = { diagnostics = { lsp_diagnostic } },
  }
  local responses, request_error = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 30000)
  if request_error then table.insert(result.errors, 'codeAction: ' .. tostring(request_error)) end
  responses = responses or {}
  for _, response in pairs(responses) do
    if response.error then table.insert(result.errors, response.error.message) end
    for _, action in ipairs(response.result or {}) do
      table.insert(result.actions, { title = action.title, kind = action.kind, isPreferred = action.isPreferred, hasEdit = action.edit ~= nil })
    end
  end
end)
if not ok then table.insert(result.errors, tostring(err)) end
finish()
